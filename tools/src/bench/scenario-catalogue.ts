/**
 * Every load scenario of every benchmark, by name: what a load-generator process can be asked to
 * run (load-generator.ts) and what it answers. Scenarios are plain data both ways, so the plan
 * crosses a process boundary as JSON.
 */
import type { ApiScenarioPlan, ApiScenarioResult } from './api/scenarios/api-scenario-plan';
import { runApiSeatMap } from './api/scenarios/api-seat-map.scenario';
import { runContendedReservations } from './api/scenarios/contended-reservations.scenario';
import { runReservationSaturation } from './api/scenarios/reservation-saturation.scenario';
import { runReservationsAtRate } from './api/scenarios/reservations-at-rate.scenario';
import { runRedisCeiling } from './inventory/ceilings/redis-evalsha.ceiling';
import { runContendedHolds } from './inventory/scenarios/contended-holds.scenario';
import { runHoldLifecycle } from './inventory/scenarios/hold-lifecycle.scenario';
import { runHoldsVersusCeiling } from './inventory/scenarios/holds-vs-ceiling.scenario';
import type { ScenarioPlan as InventoryScenarioPlan, ScenarioResult as InventoryScenarioResult } from './inventory/scenarios/scenario-plan';
import { runSeatMap } from './inventory/scenarios/seat-map.scenario';
import { runOnSaleBuyers } from './onsale/scenarios/onsale-buyers.scenario';
import { runOnSaleCeiling } from './onsale/scenarios/onsale-ceiling.scenario';
import { runOnSalePayments } from './onsale/scenarios/onsale-payments.scenario';
import type { OnSaleScenarioPlan, OnSaleScenarioResult } from './onsale/scenarios/onsale-scenario-plan';
import { runOnSaleWatchers } from './onsale/scenarios/onsale-watchers.scenario';
import { runPublishAtRate } from './worker/scenarios/publish-at-rate.scenario';
import { runPublishBacklog } from './worker/scenarios/publish-backlog.scenario';
import type { WorkerScenarioPlan, WorkerScenarioResult } from './worker/scenarios/worker-scenario-plan';

export type BenchScenarioPlan = InventoryScenarioPlan | ApiScenarioPlan | WorkerScenarioPlan | OnSaleScenarioPlan;
export type BenchScenarioResult = InventoryScenarioResult | ApiScenarioResult | WorkerScenarioResult | OnSaleScenarioResult;
export type ScenarioName = BenchScenarioPlan['scenario'];
export type PlanOf<Name extends ScenarioName> = Extract<BenchScenarioPlan, { scenario: Name }>;
export type ResultOf<Name extends ScenarioName> = Extract<BenchScenarioResult, { scenario: Name }>;

export const scenarioRunners: { readonly [Name in ScenarioName]: (plan: PlanOf<Name>) => Promise<BenchScenarioResult> } = {
  'holds-vs-ceiling': runHoldsVersusCeiling,
  'contended-holds': runContendedHolds,
  'hold-lifecycle': runHoldLifecycle,
  'seat-map': runSeatMap,
  'redis-ceiling': runRedisCeiling,
  saturation: runReservationSaturation,
  'reservations-at-rate': runReservationsAtRate,
  'contended-reservations': runContendedReservations,
  'api-seat-map': runApiSeatMap,
  'publish-backlog': runPublishBacklog,
  'publish-at-rate': runPublishAtRate,
  'onsale-watchers': runOnSaleWatchers,
  'onsale-buyers': runOnSaleBuyers,
  'onsale-payments': runOnSalePayments,
  'onsale-ceiling': runOnSaleCeiling,
};
