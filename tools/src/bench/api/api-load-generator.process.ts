import { join } from 'node:path';
import { runJsonChild } from '../shared/json-child-process';
import type { ApiLoadGeneratorInput } from './api-load-generator';
import type { ApiScenarioPlan, ApiScenarioResult } from './scenarios/api-scenario-plan';

/**
 * Runs one scenario in a fresh API load-generator process (api-load-generator.ts) and returns what
 * it reported. The child gets `hardLimitMs` to finish by itself; 10 s later it is killed
 * (`killJsonChildren` kills it at once on interrupt).
 */
export function runApiLoadGenerator<Name extends ApiScenarioPlan['scenario']>(
  plan: Extract<ApiScenarioPlan, { scenario: Name }>,
  options: { readonly workspaceRoot: string; readonly hardLimitMs: number },
): Promise<Extract<ApiScenarioResult, { scenario: Name }>> {
  const input: ApiLoadGeneratorInput = { plan, hardLimitMs: options.hardLimitMs };
  return runJsonChild(join(options.workspaceRoot, 'tools/src/bench/api/api-load-generator.ts'), input, {
    cwd: options.workspaceRoot,
    label: plan.scenario,
    hardLimitMs: options.hardLimitMs,
  });
}
