import { spawn, type ChildProcess } from 'node:child_process';

const running = new Set<ChildProcess>();

/** How {@link runJsonChild} runs its child. */
export interface JsonChildOptions {
  /** The child's working directory (the workspace root, so tsx finds the tsconfig paths). */
  readonly cwd: string;
  /** Named in error messages: `load generator for <label> …`. */
  readonly label: string;
  /** Sent to the child with the input; the child is expected to exit by itself after this long. 10 s later it is killed. */
  readonly hardLimitMs: number;
}

/**
 * Runs `script` (TypeScript, through tsx) as a separate Node process, writes `input` as JSON to
 * its stdin, and resolves with the last line of its stdout parsed as JSON. The load generators of
 * the benchmarks run this way, so the load never shares an event loop with the CLI's bookkeeping.
 *
 * @throws Error with the tail of the child's stderr when it fails, or when its answer is not JSON.
 */
export async function runJsonChild<Answer>(script: string, input: unknown, options: JsonChildOptions): Promise<Answer> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.hardLimitMs + 10_000);
  child.stdin.end(JSON.stringify(input));
  const exit = await new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal }));
  }).finally(() => {
    clearTimeout(killer);
    running.delete(child);
  });
  if (exit.code !== 0) {
    const how = exit.signal ? `was killed by ${exit.signal}` : `exited with status ${exit.code}`;
    throw new Error(`load generator for ${options.label} ${how}: ${stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  const answer = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(answer) as Answer;
  } catch {
    throw new Error(`load generator for ${options.label} answered no JSON: ${answer.slice(0, 200)}`);
  }
}

/** Kills every child {@link runJsonChild} started that is still running (on interrupt or failure). */
export function killJsonChildren(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * The child's side: reads `{ …, hardLimitMs }` from stdin, exits with status 2 after `hardLimitMs`
 * whatever happens, runs `work`, writes its answer as one JSON line to stdout and exits 0 (open
 * sockets — gRPC channels closing, keep-alive pools — must not keep a finished generator alive);
 * on failure writes the stack to stderr and exits 1.
 */
export function serveJsonChild<Input extends { readonly hardLimitMs: number }>(
  describe: (input: Input) => string,
  work: (input: Input) => Promise<unknown>,
): void {
  const main = async () => {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Input;
    setTimeout(() => {
      process.stderr.write(`load generator: ${describe(input)} exceeded ${input.hardLimitMs} ms; giving up\n`);
      process.exit(2);
    }, input.hardLimitMs).unref();
    const result = await work(input);
    await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(result)}\n`, () => resolve()));
  };
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}
