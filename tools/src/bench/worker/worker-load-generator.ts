/**
 * The worker benchmark's load generator: one scenario per process, so publishing never shares an
 * event loop with the CLI (which reads the worker's log) or with the services under test. The CLI
 * writes `{ plan, hardLimitMs }` as JSON to its stdin and reads one JSON line (the
 * WorkerScenarioResult) from its stdout; diagnostics go to stderr. It exits by itself after
 * `hardLimitMs` whatever happens.
 */
import { serveJsonChild } from '../shared/json-child-process';
import { runPublishAtRate } from './scenarios/publish-at-rate.scenario';
import { runPublishBacklog } from './scenarios/publish-backlog.scenario';
import type { WorkerScenarioPlan, WorkerScenarioResult } from './scenarios/worker-scenario-plan';

/** What the CLI sends on stdin. */
export interface WorkerLoadGeneratorInput {
  readonly plan: WorkerScenarioPlan;
  /** The process exits with status 2 after this long, finished or not. */
  readonly hardLimitMs: number;
}

function runScenario(plan: WorkerScenarioPlan): Promise<WorkerScenarioResult> {
  switch (plan.scenario) {
    case 'publish-backlog':
      return runPublishBacklog(plan);
    case 'publish-at-rate':
      return runPublishAtRate(plan);
  }
}

serveJsonChild<WorkerLoadGeneratorInput>(
  (input) => input.plan.scenario,
  (input) => runScenario(input.plan),
);
