import { spawn } from 'node:child_process';

/** What one Schemathesis run against one OpenAPI document found. */
export interface SchemathesisResult {
  readonly name: string;
  /** Schemathesis's exit code: 0 when no check failed and nothing errored. */
  readonly exitCode: number | null;
  /** Requests it generated and sent (its "Test cases: N generated" line). */
  readonly generated: number | undefined;
  /** Its closing line, e.g. "No issues found in 60.02s" or "3 failures in 60.10s". */
  readonly verdict: string;
}

/**
 * Runs `st run` (Schemathesis, from the project's Python tools) against `documentUrl` with every
 * check, a fixed seed and a time budget, streaming its report to this process's output.
 */
export function runSchemathesis(options: {
  readonly name: string;
  readonly executable: string;
  readonly configFile: string;
  readonly documentUrl: string;
  readonly bearerToken: string;
  readonly seed: number;
  readonly maxTimeSeconds: number;
}): Promise<SchemathesisResult> {
  const args = [
    '--config-file',
    options.configFile,
    'run',
    options.documentUrl,
    '--checks',
    'all',
    '--seed',
    String(options.seed),
    '--max-time',
    String(options.maxTimeSeconds),
    '--header',
    `Authorization: Bearer ${options.bearerToken}`,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(options.executable, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NO_COLOR: '1' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      process.stdout.write(chunk);
    });
    child.on('error', reject);
    child.on('exit', (exitCode) => {
      const generated = /(\d+) generated/.exec(output)?.[1];
      const verdict = /=+ (.+ in [\d.]+s) =+\s*$/.exec(output.trimEnd())?.[1] ?? 'no verdict printed';
      resolve({ name: options.name, exitCode, generated: generated === undefined ? undefined : Number(generated), verdict });
    });
  });
}
