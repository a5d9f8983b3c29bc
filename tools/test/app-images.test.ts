import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { findFreePort, localModeCallerAuth, serviceEnvironment, uniquePrefix, waitFor } from '@ticketing/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { bundleApp } from '../src/build/bundle-app';

/*
 * What the apps' Dockerfiles do, without Docker (these machines have no engine): the runtime
 * stage is the bundle plus `npm install --omit=dev` of the package.json the bundler writes. This
 * test builds exactly that in a scratch directory — no workspace, no dev dependencies, no tsx —
 * and starts it with plain `node main.mjs`, so a package the bundle needs but its manifest lacks
 * fails here instead of in a pod. It also pins the Dockerfiles' contract with the charts.
 */
const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);

const apps = [
  { app: 'inventory', httpPort: 8081, exposed: ['50051', '8081'], env: { GRPC_PORT: '0', ...localModeCallerAuth } },
  {
    app: 'reservation-api',
    httpPort: 3000,
    exposed: ['3000', '3002'],
    env: { AUTH_MODE: 'dev-hs256', JWT_DEV_SECRET: 'image-test-secret-0123456789abcdefgh', JWT_AUDIENCE: 'ticketing-api' },
  },
  { app: 'reservation-worker', httpPort: 3001, exposed: ['3001'], env: {} },
] as const;

describe.each(apps)('the $app image', ({ app, httpPort, exposed, env }) => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const directory of scratch) await rm(directory, { recursive: true, force: true });
  });

  it('Dockerfile: multi-stage Node 24 slim, Nx-built bundle, production packages, non-root, health check, SIGTERM', async () => {
    const dockerfile = await readFile(join(workspaceRoot, 'apps', app, 'Dockerfile'), 'utf8');
    const instructions = dockerfile
      .replace(/\\\n\s*/g, ' ')
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.startsWith('#'));
    expect(instructions).toContain('ARG NODE_IMAGE=node:24-slim');
    expect(instructions.filter((line) => line.startsWith('FROM ${NODE_IMAGE}'))).toHaveLength(3);
    expect(dockerfile).toContain(`npx nx run ${app}:build`);
    expect(dockerfile).toContain('npm install --omit=dev --ignore-scripts');
    const runtime = instructions.slice(instructions.findLastIndex((line) => line.startsWith('FROM ')));
    expect(runtime).toContain('USER 1000:1000');
    expect(runtime.find((line) => line.startsWith('EXPOSE'))?.split(/\s+/).slice(1).sort()).toEqual([...exposed].sort());
    expect(runtime.find((line) => line.startsWith('ENV'))).toContain(`HTTP_PORT=${httpPort}`);
    expect(runtime.find((line) => line.startsWith('HEALTHCHECK'))).toContain("'/health'");
    expect(runtime).toContain('STOPSIGNAL SIGTERM');
    expect(runtime.at(-1)).toBe('CMD ["node", "main.mjs"]');
  });

  it('runs from its bundle and production packages alone, and stops on SIGTERM with exit 0', async () => {
    const bundle = await bundleApp(app);
    const image = await mkdtemp(join(tmpdir(), `image-${app}-`));
    scratch.push(image);
    await cp(join(bundle, '..'), image, { recursive: true });
    await run('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--no-package-lock', '--prefer-offline'], {
      cwd: image,
      timeout: 200_000,
    });

    const port = await findFreePort();
    const child = spawn(process.execPath, ['main.mjs'], {
      cwd: image,
      env: {
        PATH: process.env['PATH'] ?? '',
        NODE_ENV: 'production',
        NODE_OPTIONS: '--max-old-space-size=128 --max-semi-space-size=4',
        ...serviceEnvironment(uniquePrefix()),
        HTTP_PORT: String(port),
        ...env,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      await waitFor(
        async () => {
          if (child.exitCode !== null) throw new Error(`exited ${child.exitCode}: ${stderr}`);
          return (await fetch(`http://127.0.0.1:${port}/health`)).ok;
        },
        { description: `${app} /health from the image layout`, timeoutMs: 60_000 },
      );
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });
});
