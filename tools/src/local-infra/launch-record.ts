import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import type { ComponentName } from './local-infra.config';
import type { ProcessFacts } from './process-table';

/**
 * What `up` started, kept beside the pid file so `down` can prove a pid is still that process
 * (and not an unrelated one that inherited the number) without consulting today's settings.
 */
export interface LaunchRecord {
  readonly component: ComponentName;
  /** File stem of the pid, launch record and log: `redis`, `redis-cluster-7000`, … */
  readonly name: string;
  readonly pid: number;
  readonly port: number;
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /**
   * The title the process gives itself once running, if it rewrites its argv (redis does:
   * `/usr/bin/redis-server 127.0.0.1:6379 [cluster]`).
   */
  readonly retitledAs?: string;
  /** A directory only this process uses; `down` deletes it so the next `up` starts clean. */
  readonly scratchDir?: string;
  readonly startedAt: string;
}

/** A pid file and, when `up` wrote it, its launch record. */
export interface PidFileEntry {
  readonly name: string;
  readonly pid: number | undefined;
  readonly record: LaunchRecord | undefined;
}

const pidSuffix = '.pid';

/** Path of a process's log, which outlives the process so failures can be read after `down`. */
export function logPath(stateDir: string, name: string): string {
  return join(stateDir, `${name}.log`);
}

/** Records a started process: `<name>.pid` holds just the pid (for humans and `kill`), the JSON the rest. */
export async function writeLaunchRecord(stateDir: string, record: LaunchRecord): Promise<void> {
  await writeFile(join(stateDir, `${record.name}.launch.json`), `${JSON.stringify(record, null, 2)}\n`);
  await writeFile(join(stateDir, `${record.name}${pidSuffix}`), `${record.pid}\n`);
}

/** Reads `<name>.pid` and its launch record; both fields are undefined when absent or unreadable. */
export async function readPidFile(stateDir: string, name: string): Promise<PidFileEntry> {
  const rawPid = await readOptional(join(stateDir, `${name}${pidSuffix}`));
  const rawRecord = await readOptional(join(stateDir, `${name}.launch.json`));
  const pid = rawPid !== undefined && /^\d+$/.test(rawPid.trim()) ? Number(rawPid.trim()) : undefined;
  const record = rawRecord === undefined ? undefined : parseRecord(rawRecord);
  // A record for another pid belongs to an earlier start; it proves nothing about this pid.
  return { name, pid, record: record?.pid === pid ? record : undefined };
}

/** Every pid file in the state dir, whichever settings started it. */
export async function listPidFiles(stateDir: string): Promise<PidFileEntry[]> {
  const entries = await readdir(stateDir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  const names = entries.filter((entry) => entry.endsWith(pidSuffix)).map((entry) => entry.slice(0, -pidSuffix.length));
  return Promise.all(names.map((name) => readPidFile(stateDir, name)));
}

/** Forgets a process: pid file, launch record and scratch dir (never the log). */
export async function removeLaunchRecord(stateDir: string, entry: PidFileEntry): Promise<void> {
  await rm(join(stateDir, `${entry.name}${pidSuffix}`), { force: true });
  await rm(join(stateDir, `${entry.name}.launch.json`), { force: true });
  const scratchDir = entry.record?.scratchDir;
  // The record is a file anyone can edit: only ever delete below the state dir.
  if (scratchDir !== undefined && resolve(scratchDir).startsWith(`${resolve(stateDir)}${sep}`)) {
    await rm(scratchDir, { recursive: true, force: true });
  }
}

/**
 * True when the live process is the one the record describes: same working directory, and either
 * the exact argv we passed (scripts show their interpreter first, hence "ends with") or the title
 * the program is known to give itself.
 */
export function isRecordedProcess(facts: ProcessFacts, record: LaunchRecord): boolean {
  if (facts.pid !== record.pid || facts.cwd !== record.cwd) return false;
  const launched = [record.command, ...record.args];
  const tail = facts.argv.slice(-launched.length);
  if (tail.length === launched.length && tail.every((arg, index) => arg === launched[index])) return true;
  if (record.retitledAs === undefined) return false;
  const title = facts.argv.join(' ').trim();
  return title === record.retitledAs || title.startsWith(`${record.retitledAs} `);
}

async function readOptional(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseRecord(raw: string): LaunchRecord | undefined {
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return undefined;
    const record = value as Partial<LaunchRecord>;
    const valid =
      typeof record.pid === 'number' &&
      typeof record.port === 'number' &&
      typeof record.command === 'string' &&
      typeof record.cwd === 'string' &&
      typeof record.name === 'string' &&
      Array.isArray(record.args);
    return valid ? (record as LaunchRecord) : undefined;
  } catch {
    // A half-written or hand-edited record cannot vouch for anything.
    return undefined;
  }
}
