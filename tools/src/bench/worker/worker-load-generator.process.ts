import { join } from 'node:path';
import { runJsonChild } from '../shared/json-child-process';
import type { WorkerLoadGeneratorInput } from './worker-load-generator';
import type { WorkerScenarioPlan, WorkerScenarioResult } from './scenarios/worker-scenario-plan';

/**
 * Runs one scenario in a fresh load-generator process (worker-load-generator.ts) and returns what
 * it reported. The child gets `hardLimitMs` to finish by itself; 10 s later it is killed
 * (`killJsonChildren` kills it at once on interrupt).
 */
export function runWorkerLoadGenerator<Name extends WorkerScenarioPlan['scenario']>(
  plan: Extract<WorkerScenarioPlan, { scenario: Name }>,
  options: { readonly workspaceRoot: string; readonly hardLimitMs: number },
): Promise<Extract<WorkerScenarioResult, { scenario: Name }>> {
  const input: WorkerLoadGeneratorInput = { plan, hardLimitMs: options.hardLimitMs };
  return runJsonChild(join(options.workspaceRoot, 'tools/src/bench/worker/worker-load-generator.ts'), input, {
    cwd: options.workspaceRoot,
    label: plan.scenario,
    hardLimitMs: options.hardLimitMs,
  });
}
