import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
/** The compose file requires the dev JWT secret from the environment, as a developer exports it. */
const composeEnv = { ...process.env, JWT_DEV_SECRET: 'compose-check-secret-0123456789abcdef' };
const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));
const composeFile = join(workspaceRoot, 'docker-compose.dev.yml');

/**
 * `docker compose config` needs the Docker CLI plugin, which these machines lack; compose-check
 * runs the same loader and schema validation (compose-go), built with the machine's Go.
 */
describe('docker-compose.dev.yml', () => {
  let scratch: string;
  let composeCheck: string;
  beforeAll(async () => {
    scratch = await mkdtemp(join(tmpdir(), 'compose-check-'));
    composeCheck = join(scratch, 'compose-check');
    await run('go', ['build', '-o', composeCheck, '.'], { cwd: join(workspaceRoot, 'tools/compose-check') });
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));

  it('passes compose config validation with the stand-ins and the three apps', async () => {
    const { stdout } = await run(composeCheck, [composeFile], { env: composeEnv });
    for (const service of ['dynamodb', 'redis', 'aws-emulator', 'provision', 'inventory', 'reservation-api', 'reservation-worker']) {
      expect(stdout).toContain(`\n  ${service}:\n`);
    }
  });

  it('builds each app from its own Dockerfile and runs it read-only; the helpers from the build stage', async () => {
    const { stdout } = await run(composeCheck, [composeFile], { env: composeEnv });
    for (const app of ['inventory', 'reservation-api', 'reservation-worker']) {
      const service = stdout.slice(stdout.indexOf(`\n  ${app}:\n`)).split(/\n {2}[a-z-]+:\n/)[1] ?? '';
      expect(service).toContain(`dockerfile: apps/${app}/Dockerfile`);
      expect(service).toContain('read_only: true');
      expect(service).not.toContain('target: build');
    }
    for (const helper of ['provision', 'worker-token']) {
      const service = stdout.slice(stdout.indexOf(`\n  ${helper}:\n`)).split(/\n {2}[a-z-]+:\n/)[1] ?? '';
      expect(service).toContain('target: build');
    }
  });

  it('refuses to render without the dev JWT secret (no secret is baked into the file)', async () => {
    await expect(run(composeCheck, [composeFile], { env: { ...process.env, JWT_DEV_SECRET: '' } })).rejects.toMatchObject({
      stderr: expect.stringContaining('JWT_DEV_SECRET'),
    });
  });

  it('publishes the apps on the ports their configuration listens on', async () => {
    const { stdout } = await run(composeCheck, [composeFile], { env: composeEnv });
    for (const port of ['3000', '3001', '8081', '50051']) expect(stdout).toContain(`published: "${port}"`);
  });

  it('rejects a file that breaks the compose schema (the check can fail)', async () => {
    const broken = join(scratch, 'broken.yml');
    await writeFile(broken, (await readFile(composeFile, 'utf8')).replace('  redis:\n', '  redis:\n    not_a_compose_key: true\n'));
    await expect(run(composeCheck, [broken], { env: composeEnv })).rejects.toMatchObject({ stderr: expect.stringContaining('not_a_compose_key') });
  });
});
