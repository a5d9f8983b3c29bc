import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The API refuses shorter dev secrets (`JWT_DEV_SECRET`); a file we did not write may be anything. */
const minimumSecretLength = 32;

/**
 * The HS256 secret shared by `npm run dev-token` and the locally run reservation API (dev-hs256
 * mode). Generated once per state dir into `<stateDir>/jwt-dev-secret` (mode 600), like the
 * inventory admin token, so tokens minted on this machine verify there without a secret in the
 * repository — and a secret from one laptop means nothing anywhere else.
 */
export function localJwtDevSecret(stateDir: string): string {
  const file = join(stateDir, 'jwt-dev-secret');
  mkdirSync(stateDir, { recursive: true });
  try {
    // `wx` creates the file only if it is absent, so two tools starting at once agree on one secret.
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < minimumSecretLength) {
    throw new Error(`${file} holds fewer than ${minimumSecretLength} characters; delete it to generate a new dev secret`);
  }
  return secret;
}
