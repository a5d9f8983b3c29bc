/**
 * The load generator: one scenario per process, so the load never shares a CPU-time slice or an
 * event loop with the CLI's bookkeeping. The benchmark CLI spawns it with `node --import tsx`,
 * writes `{ plan, hardLimitMs }` as JSON to its stdin, and reads exactly one JSON line (the
 * ScenarioResult) from its stdout. Diagnostics go to stderr. It exits by itself after `hardLimitMs`
 * whatever happens.
 */
import { serveJsonChild } from '../shared/json-child-process';
import { runRedisCeiling } from './ceilings/redis-evalsha.ceiling';
import { runContendedHolds } from './scenarios/contended-holds.scenario';
import { runHoldLifecycle } from './scenarios/hold-lifecycle.scenario';
import { runHoldsVersusCeiling } from './scenarios/holds-vs-ceiling.scenario';
import type { ScenarioPlan, ScenarioResult } from './scenarios/scenario-plan';
import { runSeatMap } from './scenarios/seat-map.scenario';

/** What the CLI sends on stdin. */
export interface LoadGeneratorInput {
  readonly plan: ScenarioPlan;
  /** The process exits with status 2 after this long, finished or not. */
  readonly hardLimitMs: number;
}

function runScenario(plan: ScenarioPlan): Promise<ScenarioResult> {
  switch (plan.scenario) {
    case 'holds-vs-ceiling':
      return runHoldsVersusCeiling(plan);
    case 'contended-holds':
      return runContendedHolds(plan);
    case 'hold-lifecycle':
      return runHoldLifecycle(plan);
    case 'seat-map':
      return runSeatMap(plan);
    case 'redis-ceiling':
      return runRedisCeiling(plan);
  }
}

serveJsonChild<LoadGeneratorInput>(
  (input) => input.plan.scenario,
  (input) => runScenario(input.plan),
);
