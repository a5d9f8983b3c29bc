/**
 * The load generator: one scenario per process, so the load never shares an event loop with the
 * benchmark command's bookkeeping or with the services under test. The command (run-scenario.ts)
 * spawns it with `node --import tsx`, writes `{ plan, hardLimitMs }` as JSON to its stdin and reads
 * exactly one JSON line (the scenario's result) from its stdout; diagnostics go to stderr. It exits
 * by itself after `hardLimitMs` whatever happens.
 */
import { scenarioRunners, type BenchScenarioPlan, type ScenarioName } from './scenario-catalogue';
import { serveJsonChild } from './shared/load/json-child-process';

/** What the command sends on stdin. */
export interface LoadGeneratorInput {
  readonly plan: BenchScenarioPlan;
  /** The process exits with status 2 after this long, finished or not. */
  readonly hardLimitMs: number;
}

serveJsonChild<LoadGeneratorInput>(
  (input) => input.plan.scenario,
  (input) => (scenarioRunners[input.plan.scenario] as (plan: BenchScenarioPlan) => Promise<unknown>)(input.plan as BenchScenarioPlan & { scenario: ScenarioName }),
);
