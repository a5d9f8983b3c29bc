import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { reportSections } from './schemathesis-report';

/** What one Schemathesis run against one OpenAPI document found. */
export interface SchemathesisResult {
  readonly name: string;
  /** Schemathesis's exit code: 0 when no check failed and nothing errored. */
  readonly exitCode: number | null;
  /** Requests it generated and sent (its "Test cases: N generated" line). */
  readonly generated: number | undefined;
  /** Its closing line, e.g. "No issues found in 60.02s" or "3 failures in 60.10s". */
  readonly verdict: string;
  /** Where its whole output (progress included) was written. */
  readonly logFile: string;
}

/**
 * Runs `st run` (Schemathesis, from the project's Python tools) against `documentUrl` with every
 * check, a fixed seed and a time budget. Its whole output goes to `logFile`; this process prints
 * only the report sections (failures, warnings, summary) once it has finished.
 */
export function runSchemathesis(options: {
  readonly name: string;
  readonly executable: string;
  readonly configFile: string;
  readonly documentUrl: string;
  readonly bearerToken: string;
  readonly seed: number;
  readonly maxTimeSeconds: number;
  readonly logFile: string;
  /** Operations Schemathesis must not call (e.g. an endless stream, which it would wait on until its timeout). */
  readonly excludeOperationIds?: readonly string[];
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
    ...(options.excludeOperationIds ?? []).flatMap((operationId) => ['--exclude-operation-id', operationId]),
  ];
  return new Promise((resolve, reject) => {
    // Its working directory holds its crash cache (.schemathesis/): beside the logs, not in the clone.
    mkdirSync(dirname(options.logFile), { recursive: true });
    const child = spawn(options.executable, args, {
      cwd: dirname(options.logFile),
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      writeFileSync(options.logFile, output);
      console.log(`contract: ${options.name} document (whole output in ${options.logFile}):`);
      console.log(reportSections(output));
      const generated = /(\d+) generated/.exec(output)?.[1];
      const verdict = /=+ (.+ in [\d.]+s) =+\s*$/.exec(output.trimEnd())?.[1] ?? 'no verdict printed';
      resolve({
        name: options.name,
        exitCode,
        generated: generated === undefined ? undefined : Number(generated),
        verdict,
        logFile: options.logFile,
      });
    });
  });
}
