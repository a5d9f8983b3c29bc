import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The admin token of the locally run inventory (CreateEvent needs one; there is no default in the
 * service). Generated once per state dir and kept in `<stateDir>/inventory-admin-token` (mode 600),
 * so `tools/dev up` and `npm run seed:demo` agree without a secret in the repository.
 */
export function localAdminToken(stateDir: string): string {
  const file = join(stateDir, 'inventory-admin-token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(stateDir, { recursive: true });
    const token = randomBytes(24).toString('base64url');
    writeFileSync(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}
