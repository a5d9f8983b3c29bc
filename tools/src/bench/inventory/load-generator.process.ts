import { join } from 'node:path';
import { killJsonChildren, runJsonChild } from '../shared/json-child-process';
import type { LoadGeneratorInput } from './load-generator';
import type { ScenarioPlan, ScenarioResult } from './scenarios/scenario-plan';

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
  const input: LoadGeneratorInput = { plan, hardLimitMs: options.hardLimitMs };
  return runJsonChild(join(options.workspaceRoot, 'tools/src/bench/inventory/load-generator.ts'), input, {
    cwd: options.workspaceRoot,
    label: plan.scenario,
    hardLimitMs: options.hardLimitMs,
  });
}

/** Kills every load generator still running (on interrupt or failure). */
export function killLoadGenerators(): void {
  killJsonChildren();
}
