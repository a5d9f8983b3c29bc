import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** A JSON log line a service printed. */
export type LogLine = Record<string, unknown>;

/** A service started as a real process, the way it runs in production (minus the container). */
export interface ServiceProcess {
  readonly pid: number;
  /** Every JSON line printed so far on stdout, parsed. */
  readonly logs: readonly LogLine[];
  /** Resolves with the first log line matching `predicate` (already printed or future). */
  waitForLog(predicate: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  /** Sends `signal` and resolves with how the process ended. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<ProcessExit>;
  /** Resolves when the process ends on its own. */
  readonly exited: Promise<ProcessExit>;
}

/** How a process ended. */
export interface ProcessExit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

/**
 * Starts a service's `main.ts` with Node and tsx (as the README's local run does) with `env` on top
 * of a minimal inherited environment. The caller must `stop` it; a test that forgets leaks a
 * process, so pair every start with an `afterAll`/`afterEach` stop.
 */
export function startServiceProcess(entry: string, env: Record<string, string>): ServiceProcess {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', entry], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // stdio is 'pipe', so both streams exist; the check satisfies the types without `!`.
  const { stdout, stderr: stderrStream } = child;
  if (!stdout || !stderrStream) throw new Error(`could not pipe the output of ${entry}`);
  const logs: LogLine[] = [];
  const waiters: { predicate: (line: LogLine) => boolean; resolve: (line: LogLine) => void }[] = [];
  let stderr = '';

  createInterface({ input: stdout }).on('line', (text) => {
    const line = parseJson(text);
    logs.push(line);
    for (const waiter of [...waiters]) {
      if (waiter.predicate(line)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(line);
      }
    }
  });
  stderrStream.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const exited = new Promise<ProcessExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );

  return {
    pid: child.pid ?? -1,
    logs,
    exited,
    waitForLog: (predicate, timeoutMs = 30_000) => {
      const seen = logs.find(predicate);
      if (seen) return Promise.resolve(seen);
      return new Promise<LogLine>((resolve, reject) => {
        const timer = setTimeout(() => {
          reject(new Error(`no matching log line within ${timeoutMs} ms; stdout: ${JSON.stringify(logs)} stderr: ${stderr}`));
        }, timeoutMs);
        const waiter = {
          predicate,
          resolve: (line: LogLine) => {
            clearTimeout(timer);
            resolve(line);
          },
        };
        waiters.push(waiter);
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`process exited before logging the expected line; stdout: ${JSON.stringify(logs)} stderr: ${stderr}`));
        });
      });
    },
    stop: async (signal = 'SIGTERM', timeoutMs = 30_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const exit = await exited;
      clearTimeout(timer);
      return exit;
    },
  };
}

function parseJson(text: string): LogLine {
  try {
    return JSON.parse(text) as LogLine;
  } catch {
    return { unparsed: text };
  }
}
