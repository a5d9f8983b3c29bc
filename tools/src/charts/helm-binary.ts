import { execFile } from 'node:child_process';
import { access, constants, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The helm release the charts are linted and rendered with. */
export const helmVersion = 'v3.19.2';

const helmPackage = 'helm.sh/helm/v3/cmd/helm';
const defaultWorkspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));

/** How {@link helmBinary} finds or builds helm. */
export interface HelmBinaryOptions {
  /** Workspace whose `.local/bin` holds helm; this workspace by default. */
  readonly workspaceRoot?: string;
  /** Longest a build may take, including waiting for another process's build. */
  readonly timeoutMs?: number;
  /** Progress lines ("building helm …"); silent by default. */
  readonly log?: (line: string) => void;
}

/**
 * Path of `<workspace>/.local/bin/helm` at {@link helmVersion}, built on first use with
 * `GOBIN=… go install helm.sh/helm/v3/cmd/helm@<version>` (Go and the Go module proxy are all a
 * fresh machine needs; there is no helm download). Later calls return the cached binary at once.
 *
 * Several processes may ask at the same time (vitest runs test files in parallel): a lock
 * directory lets one build while the others wait, and the binary appears by an atomic rename, so
 * nobody ever runs a half-written file. A lock left by a process that died is taken over.
 *
 * @example
 * ```ts
 * const helm = await helmBinary({ log: console.error }); // ~90 s the first time, then instant
 * await execFile(helm, ['lint', 'charts/inventory']);
 * ```
 */
export async function helmBinary(options: HelmBinaryOptions = {}): Promise<string> {
  const binDirectory = join(options.workspaceRoot ?? defaultWorkspaceRoot, '.local', 'bin');
  const helm = join(binDirectory, 'helm');
  const stamp = join(binDirectory, '.helm-version');
  if (await isInstalled(helm, stamp)) return helm;

  await mkdir(binDirectory, { recursive: true });
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  const releaseLock = await acquireLock(join(binDirectory, '.helm-install.lock'), timeoutMs);
  try {
    if (await isInstalled(helm, stamp)) return helm;
    options.log?.(`building helm ${helmVersion} into ${binDirectory} (go install, about two minutes)`);
    const staging = await mkdtemp(join(binDirectory, '.helm-build-'));
    try {
      await run('go', ['install', `${helmPackage}@${helmVersion}`], {
        cwd: staging,
        env: { ...process.env, GOBIN: staging, CGO_ENABLED: '0' },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      }).catch((error: NodeJS.ErrnoException & { stderr?: string }) => {
        if (error.code === 'ENOENT') {
          throw new Error(`helm is not in ${binDirectory} and Go is not on PATH to build it; install Go, or put helm ${helmVersion} there`);
        }
        throw new Error(`building helm ${helmVersion} failed: ${error.stderr?.trim() || error.message}`);
      });
      await rename(join(staging, 'helm'), helm);
      await writeFile(stamp, `${helmVersion}\n`);
    } finally {
      await rm(staging, { recursive: true, force: true });
    }
    return helm;
  } finally {
    await releaseLock();
  }
}

async function isInstalled(helm: string, stamp: string): Promise<boolean> {
  try {
    await access(helm, constants.X_OK);
    return (await readFile(stamp, 'utf8')).trim() === helmVersion;
  } catch {
    return false;
  }
}

/**
 * Takes the lock directory (mkdir is atomic) and returns its release. Waits while a live process
 * holds it; takes over a lock whose owner is gone.
 */
async function acquireLock(lock: string, timeoutMs: number): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), String(process.pid));
      return () => rm(lock, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (await isAbandoned(lock)) {
      await rm(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for another helm build (lock ${lock})`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}

/** A lock is abandoned when its owner process no longer exists (or never wrote its pid within a minute). */
async function isAbandoned(lock: string): Promise<boolean> {
  const owner = Number(await readFile(join(lock, 'owner'), 'utf8').catch(() => ''));
  if (!Number.isInteger(owner) || owner <= 0) {
    const { mtimeMs } = await stat(lock).catch(() => ({ mtimeMs: Date.now() }));
    return Date.now() - mtimeMs > 60_000;
  }
  try {
    process.kill(owner, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
