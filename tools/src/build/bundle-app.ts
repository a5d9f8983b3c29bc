/**
 * `tsx tools/src/build/bundle-app.ts <app>` (the apps' `build` target): bundles
 * `apps/<app>/src/main.ts` and the workspace libs it imports into `dist/apps/<app>/main.mjs`, the
 * way the apps run in production — plain Node, no TypeScript transpiler in memory.
 *
 * npm dependencies stay external (they are installed next to the bundle, e.g. in the image), so
 * packages that read files relative to themselves (grpc-health-check's proto) keep working. Files
 * our own code reads relative to itself are copied next to the bundle, and a `package.json` lists
 * exactly the npm packages the bundle imports, at the versions package-lock.json pins: the image
 * installs those and nothing else (`npm install --omit=dev`).
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Metafile } from 'esbuild';

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
  const { metafile } = await build({
    entryPoints: [join(workspaceRoot, 'apps', app, 'src/main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node24',
    sourcemap: true,
    external: Object.keys(rootPackage.dependencies).flatMap((name) => [name, `${name}/*`]),
    logLevel: 'warning',
    metafile: true,
  });
  for (const asset of contractAssets) {
    mkdirSync(join(outDir, asset.to, '..'), { recursive: true });
    cpSync(join(workspaceRoot, asset.from), join(outDir, asset.to));
  }
  writeFileSync(join(outDir, 'package.json'), `${JSON.stringify(productionManifest(app, externalPackagesOf(metafile)), null, 2)}\n`);
  return outfile;
}

/** The npm packages the bundle imports (statically or dynamically), by package name. */
function externalPackagesOf(metafile: Metafile): string[] {
  const names = new Set<string>();
  for (const output of Object.values(metafile.outputs)) {
    for (const imported of output.imports) {
      if (!imported.external || imported.path.startsWith('node:')) continue;
      const parts = imported.path.split('/');
      names.add(imported.path.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? imported.path));
    }
  }
  return [...names].sort();
}

/** `package.json` of the bundle: its packages at the exact versions the lockfile resolved. */
function productionManifest(app: string, packages: readonly string[]) {
  const lock = JSON.parse(readFileSync(join(workspaceRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  const dependencies: Record<string, string> = {};
  for (const name of packages) {
    const version = lock.packages[`node_modules/${name}`]?.version;
    if (!version) throw new Error(`the ${app} bundle imports ${name}, which package-lock.json does not resolve`);
    dependencies[name] = version;
  }
  return { name: `@ticketing/${app}-bundle`, private: true, type: 'module', main: 'main.mjs', dependencies };
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
