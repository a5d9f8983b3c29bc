import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { localJwtDevSecret } from '../dev-token/local-jwt-dev-secret';
import { mintDevToken } from '../dev-token/mint-dev-token';

/** A week: the longest a dev token may live; every `tools/dev up` mints a fresh one. */
const workerTokenTtlSeconds = 7 * 24 * 3600;

/**
 * Mints the locally run worker's service token (scope `reservations:internal`, signed with the
 * local dev secret the API accepts in dev-hs256 mode) into `<stateDir>/worker-service-token`
 * (mode 600) and returns the path, for the worker's RESERVATION_API_TOKEN_FILE. Deployed, the
 * file comes from the identity provider instead; the worker never sees a signing secret.
 */
export function writeLocalWorkerServiceToken(stateDir: string): string {
  const file = join(stateDir, 'worker-service-token');
  const token = mintDevToken({
    secret: localJwtDevSecret(stateDir),
    issuer: 'ticketing-dev',
    audience: 'ticketing-api',
    subject: 'reservation-worker',
    scopes: ['reservations:internal'],
    ttlSeconds: workerTokenTtlSeconds,
  });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return file;
}
