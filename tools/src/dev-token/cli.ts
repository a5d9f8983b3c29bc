/**
 * `npm run -s dev-token -- --sub user-1 [--scope seats:read] [--ttl 3600]`
 *
 * Prints an HS256 token for the locally run reservation API (`AUTH_MODE=dev-hs256`) on stdout, and
 * nothing else there, so `TOKEN=$(npm run -s dev-token -- --sub user-1)` works; a summary goes to
 * stderr. `--scope` may be repeated or space separated. Settings: see dev-token.config.ts.
 */
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDevTokenConfig } from './dev-token.config';
import { localJwtDevSecret } from './local-jwt-dev-secret';
import { mintDevToken } from './mint-dev-token';

const usage = 'usage: dev-token --sub <user id> [--scope <scope>]... [--ttl <seconds>]';
/** Long enough for a day of manual testing; a dev token should not outlive the laptop session. */
const maxTtlSeconds = 7 * 24 * 3600;
/** tools/src/dev-token/ sits three levels below the workspace root, where `.local/run` lives. */
const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

class UsageError extends Error {}

function main(): void {
  const { values } = parseArgs({
    options: {
      sub: { type: 'string' },
      scope: { type: 'string', multiple: true },
      ttl: { type: 'string', default: '3600' },
    },
    strict: true,
    allowPositionals: false,
  });
  const subject = values.sub?.trim();
  if (!subject) throw new UsageError('--sub is required');
  const ttlSeconds = Number(values.ttl);
  if (!/^\d+$/.test(values.ttl) || ttlSeconds < 1 || ttlSeconds > maxTtlSeconds) {
    throw new UsageError(`--ttl must be a whole number of seconds between 1 and ${maxTtlSeconds}`);
  }

  const config = loadDevTokenConfig();
  const stateDir = isAbsolute(config.stateDir) ? config.stateDir : resolve(workspaceRoot, config.stateDir);
  const scopes = (values.scope ?? []).flatMap((scope) => scope.split(' ')).filter((scope) => scope !== '');
  const token = mintDevToken({
    secret: config.devSecret ?? localJwtDevSecret(stateDir),
    issuer: config.issuer,
    audience: config.audience,
    subject,
    scopes,
    ttlSeconds,
  });
  process.stdout.write(`${token}\n`);
  const expiresAt = new Date(Date.now() + ttlSeconds * 1000).toISOString();
  console.error(
    `dev-token: sub=${subject} scope=${scopes.join(' ') || '(none)'} iss=${config.issuer} aud=${config.audience} expires ${expiresAt}`,
  );
}

try {
  main();
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`dev-token: ${message}`);
  if (error instanceof UsageError || (error as { code?: unknown }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    console.error(usage);
    process.exitCode = 2;
  } else {
    process.exitCode = 1;
  }
}
