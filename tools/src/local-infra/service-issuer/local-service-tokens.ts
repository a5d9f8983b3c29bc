import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformServiceAccounts } from '@ticketing/service-identity';
import { createSigner } from 'fast-jwt';
import { localIssuerKeys } from './local-issuer-keys';

/** A week: the longest a local service token lives; every `tools/dev up` mints fresh ones. */
const localTokenTtlSeconds = 7 * 24 * 3600;

/** The service accounts `tools/dev up` mints tokens for: the platform's, and an admin account for seeding. */
export const localServiceAccounts = {
  ...platformServiceAccounts,
  admin: 'system:serviceaccount:ticketing:ticketing-admin',
} as const;

/**
 * A service token as the kubelet projects one: RS256, `iss` the (local) issuer, `aud` the service
 * it is for, `sub` the service account, an expiry. Signed with {@link localIssuerKeys}.
 */
export function mintLocalServiceToken(stateDir: string, claims: { readonly issuer: string; readonly subject: string; readonly audience: string }): string {
  const keys = localIssuerKeys(stateDir);
  const sign = createSigner({
    key: keys.privateKeyPem,
    algorithm: 'RS256',
    kid: keys.kid,
    iss: claims.issuer,
    sub: claims.subject,
    aud: claims.audience,
    expiresIn: localTokenTtlSeconds * 1000,
  });
  return sign({});
}

/**
 * Writes a fresh token for `subject` and `audience` to `<stateDir>/service-tokens/<name>` (mode
 * 600, replaced atomically as the kubelet does) and returns the path, for a service's
 * `*_TOKEN_FILE` setting.
 */
export function writeLocalServiceToken(
  stateDir: string,
  name: string,
  claims: { readonly issuer: string; readonly subject: string; readonly audience: string },
): string {
  const directory = join(stateDir, 'service-tokens');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, name);
  writeFileSync(`${file}.next`, `${mintLocalServiceToken(stateDir, claims)}\n`, { mode: 0o600 });
  renameSync(`${file}.next`, file);
  return file;
}
