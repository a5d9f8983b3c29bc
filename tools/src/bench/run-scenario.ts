import { join } from 'node:path';
import type { LoadGeneratorInput } from './load-generator';
import type { PlanOf, ResultOf, ScenarioName } from './scenario-catalogue';
import { killJsonChildren, runJsonChild } from './shared/load/json-child-process';

/**
 * Runs one scenario in a fresh load-generator process (load-generator.ts) and returns what it
 * reported. The child gets `hardLimitMs` to finish by itself; 10 s later it is killed.
 *
 * @throws Error with the tail of the child's stderr when it fails, or when its answer is not JSON.
 */
export function runScenario<Name extends ScenarioName>(
  plan: PlanOf<Name>,
  options: { readonly workspaceRoot: string; readonly hardLimitMs: number },
): Promise<ResultOf<Name>> {
  const input: LoadGeneratorInput = { plan, hardLimitMs: options.hardLimitMs };
  return runJsonChild(join(options.workspaceRoot, 'tools/src/bench/load-generator.ts'), input, {
    cwd: options.workspaceRoot,
    label: plan.scenario,
    hardLimitMs: options.hardLimitMs,
  });
}

/** Kills every load generator still running (on interrupt or failure). */
export const killScenarioProcesses = killJsonChildren;
