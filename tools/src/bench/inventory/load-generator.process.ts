import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { LoadGeneratorInput } from './load-generator';
import type { ScenarioPlan, ScenarioResult } from './scenarios/scenario-plan';

const running = new Set<ChildProcess>();

/**
 * Runs one scenario in a fresh load-generator process (load-generator.ts) and returns what it
 * reported. The child gets `hardLimitMs` to finish by itself; 10 s later it is killed.
 *
 * @throws Error with the tail of the child's stderr when it fails, or when its answer is not JSON.
 */
export async function runLoadGenerator<Name extends ScenarioPlan['scenario']>(
  plan: Extract<ScenarioPlan, { scenario: Name }>,
  options: { readonly workspaceRoot: string; readonly hardLimitMs: number },
): Promise<Extract<ScenarioResult, { scenario: Name }>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(options.workspaceRoot, 'tools/src/bench/inventory/load-generator.ts')], {
    cwd: options.workspaceRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  running.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.hardLimitMs + 10_000);
  const input: LoadGeneratorInput = { plan, hardLimitMs: options.hardLimitMs };
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
    throw new Error(`load generator for ${plan.scenario} ${how}: ${stderr.trim().split('\n').slice(-15).join('\n')}`);
  }
  const answer = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(answer) as Extract<ScenarioResult, { scenario: Name }>;
  } catch {
    throw new Error(`load generator for ${plan.scenario} answered no JSON: ${answer.slice(0, 200)}`);
  }
}

/** Kills every load generator still running (on interrupt or failure). */
export function killLoadGenerators(): void {
  for (const child of running) child.kill('SIGKILL');
}
