import { performance } from 'node:perf_hooks';
import { OutcomeRecorder } from '../../shared/load/outcome-recorder';
import { connectInventory, failureOutcome } from './inventory-connection';
import type { ScenarioPlan, ScenarioResult } from './scenario-plan';

type Plan = Extract<ScenarioPlan, { scenario: 'seat-map' }>;

/**
 * Whole-event GetSeatMap, one call at a time (what one client waits for), after `warmupCalls`
 * unrecorded ones (the first rebuilds the Redis seat views from DynamoDB).
 */
export async function runSeatMap(plan: Plan): Promise<ScenarioResult> {
  const inventory = connectInventory(plan.target);
  const recorder = new OutcomeRecorder();
  let seatsPerResponse = 0;
  try {
    for (let call = 0; call < plan.warmupCalls + plan.calls; call += 1) {
      const begin = performance.now();
      let outcome = 'ok';
      try {
        const map = await inventory.rpc.getSeatMap({ eventId: plan.eventId, sectionId: undefined });
        seatsPerResponse = map.seats.length;
      } catch (error) {
        outcome = failureOutcome(error);
        recorder.noteError(error);
      }
      if (call >= plan.warmupCalls) recorder.record(outcome, begin, performance.now());
    }
    return { scenario: 'seat-map', run: recorder.result(), seatsPerResponse };
  } finally {
    inventory.close();
  }
}
