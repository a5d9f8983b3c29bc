/**
 * The API benchmark's load generator: one scenario per process, so the load never shares an event
 * loop with the CLI or with the services under test. The CLI writes `{ plan, hardLimitMs }` as JSON
 * to its stdin and reads one JSON line (the ApiScenarioResult) from its stdout; diagnostics go to
 * stderr. It exits by itself after `hardLimitMs` whatever happens.
 */
import { serveJsonChild } from '../shared/json-child-process';
import { runApiSeatMap } from './scenarios/api-seat-map.scenario';
import type { ApiScenarioPlan, ApiScenarioResult } from './scenarios/api-scenario-plan';
import { runContendedReservations } from './scenarios/contended-reservations.scenario';
import { runReservationSaturation } from './scenarios/reservation-saturation.scenario';
import { runReservationsAtRate } from './scenarios/reservations-at-rate.scenario';

/** What the CLI sends on stdin. */
export interface ApiLoadGeneratorInput {
  readonly plan: ApiScenarioPlan;
  /** The process exits with status 2 after this long, finished or not. */
  readonly hardLimitMs: number;
}

function runScenario(plan: ApiScenarioPlan): Promise<ApiScenarioResult> {
  switch (plan.scenario) {
    case 'saturation':
      return runReservationSaturation(plan);
    case 'reservations-at-rate':
      return runReservationsAtRate(plan);
    case 'contended-reservations':
      return runContendedReservations(plan);
    case 'seat-map':
      return runApiSeatMap(plan);
  }
}

serveJsonChild<ApiLoadGeneratorInput>(
  (input) => input.plan.scenario,
  (input) => runScenario(input.plan),
);
