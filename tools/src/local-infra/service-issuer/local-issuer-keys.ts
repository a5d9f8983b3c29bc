import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The local issuer's signing key: the private half mints tokens, the JWKS publishes the public half. */
export interface LocalIssuerKeys {
  readonly kid: string;
  readonly privateKeyPem: string;
  readonly jwks: { readonly keys: readonly Record<string, unknown>[] };
}

/**
 * The RSA key of the local service-token issuer, generated once per state dir into
 * `<stateDir>/service-issuer/signing-key.pem` (mode 600) so the issuer process, `tools/dev up` and
 * `npm run seed:demo` sign and verify with the same key and tokens survive a restart. It plays the
 * part of the cluster's service-account signing key; it is never anything but local.
 */
export function localIssuerKeys(stateDir: string): LocalIssuerKeys {
  const directory = join(stateDir, 'service-issuer');
  const file = join(directory, 'signing-key.pem');
  let privateKeyPem: string;
  try {
    privateKeyPem = readFileSync(file, 'utf8');
  } catch {
    mkdirSync(directory, { recursive: true });
    privateKeyPem = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    writeFileSync(file, privateKeyPem, { mode: 0o600 });
  }
  const publicKey = createPublicKey(privateKeyPem);
  // Kubernetes names its keys by a hash of the public key too: a new key gets a new kid.
  const kid = createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('base64url').slice(0, 22);
  return { kid, privateKeyPem, jwks: { keys: [{ ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' }] } };
}
