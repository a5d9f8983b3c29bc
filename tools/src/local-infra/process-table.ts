import { readFile, readlink } from 'node:fs/promises';

/**
 * What /proc says about a live process; `undefined` from {@link inspectProcess} means it is gone
 * (or a zombie, which holds no ports and only waits for its parent to reap it).
 */
export interface ProcessFacts {
  readonly pid: number;
  /** Arguments as the kernel holds them now: programs that retitle themselves (redis) show the new title. */
  readonly argv: readonly string[];
  /** Undefined when the kernel will not tell us (another user's process). */
  readonly cwd: string | undefined;
  readonly processGroup: number;
}

/** Reads one process from /proc without signalling it. */
export async function inspectProcess(pid: number): Promise<ProcessFacts | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    // The command name in parentheses may itself contain spaces or parentheses: split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const [state, , processGroup] = fields;
    if (state === undefined || state === 'Z' || state === 'X' || processGroup === undefined) return undefined;
    const rawArgv = await readFile(`/proc/${pid}/cmdline`, 'utf8');
    return {
      pid,
      argv: rawArgv.split('\0').filter((arg) => arg !== ''),
      // `npm ci` replaces node_modules under a running DynamoDB Local (its cwd): Linux then reports
      // the old path with " (deleted)", which is still the directory we started it in.
      cwd: await readlink(`/proc/${pid}/cwd`).then(
        (cwd) => cwd.replace(/ \(deleted\)$/, ''),
        () => undefined,
      ),
      processGroup: Number(processGroup),
    };
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

/** True while any process, zombies included, still belongs to the group. */
export function processGroupExists(processGroup: number): boolean {
  try {
    process.kill(-processGroup, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw error;
  }
}

/**
 * `process.kill` that treats "no such process" as done: the target may exit between our check and
 * the signal. Negative targets address a process group.
 */
export function signalIfPresent(target: number, signal: NodeJS.Signals): void {
  try {
    process.kill(target, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ESRCH';
}
