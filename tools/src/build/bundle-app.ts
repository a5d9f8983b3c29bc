/**
 * `tsx tools/src/build/bundle-app.ts <app>` (the apps' `build` target): bundles
 * `apps/<app>/src/main.ts` and the workspace libs it imports into `dist/apps/<app>/main.mjs`, the
 * way the apps run in production — plain Node, no TypeScript transpiler in memory.
 *
 * npm dependencies stay external (they are installed next to the bundle, e.g. in the image), so
 * packages that read files relative to themselves (grpc-health-check's proto) keep working. Files
 * our own code reads relative to itself are copied next to the bundle.
 */
import { cpSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const apps = ['inventory', 'reservation-api', 'reservation-worker'];

/** Data files the contract lib loads via `new URL(..., import.meta.url)`, relative to the bundle. */
const contractAssets = [{ from: 'libs/contracts/inventory/src/generated/inventory.binpb', to: 'generated/inventory.binpb' }];

/** Bundles one app; resolves with the path of the bundle. */
export async function bundleApp(app: string): Promise<string> {
  if (!apps.includes(app)) throw new Error(`unknown app "${app}" (known: ${apps.join(', ')})`);
  const rootPackage = JSON.parse(readFileSync(join(workspaceRoot, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  const outDir = join(workspaceRoot, 'dist/apps', app);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'main.mjs');
  await build({
    entryPoints: [join(workspaceRoot, 'apps', app, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    external: Object.keys(rootPackage.dependencies).flatMap((name) => [name, `${name}/*`]),
    logLevel: 'warning',
  });
  for (const asset of contractAssets) {
    mkdirSync(join(outDir, asset.to, '..'), { recursive: true });
    cpSync(join(workspaceRoot, asset.from), join(outDir, asset.to));
  }
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const app = process.argv[2] ?? '';
  bundleApp(app).then(
    (outfile) => console.log(`bundled ${app} → ${outfile}`),
    (error: unknown) => {
      console.error(`bundle-app: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    },
  );
}
