import { performance } from 'node:perf_hooks';
import { ReleaseReason } from '@ticketing/inventory-contract';
import { OutcomeRecorder } from '../../shared/load/outcome-recorder';
import { connectInventory, failureOutcome } from './inventory-connection';
import type { PlacedBenchHold, ScenarioPlan, ScenarioResult } from './scenario-plan';

type Plan = Extract<ScenarioPlan, { scenario: 'hold-lifecycle' }>;

/**
 * The other RPCs of a reservation's life, on holds the uncontended scenario placed: for each hold
 * GetHold, CheckAvailability (its own seats), GetSeatMap (its section), then CommitHold (every
 * other hold) or ReleaseHold. `concurrency` clients work through the list; each RPC's latency is
 * recorded on its own.
 */
export async function runHoldLifecycle(plan: Plan): Promise<ScenarioResult> {
  const inventory = connectInventory(plan.target);
  const recorders = new Map<string, OutcomeRecorder>();
  const timed = async (rpc: string, call: () => Promise<unknown>) => {
    const recorder = recorders.get(rpc) ?? new OutcomeRecorder();
    recorders.set(rpc, recorder);
    const begin = performance.now();
    let outcome = 'ok';
    try {
      await call();
    } catch (error) {
      outcome = failureOutcome(error);
      recorder.noteError(error);
    }
    recorder.record(outcome, begin, performance.now());
  };
  const lifecycle = async (hold: PlacedBenchHold, index: number) => {
    const owner = { holdId: hold.holdId, userId: hold.userId };
    await timed('GetHold', () => inventory.rpc.getHold(owner));
    await timed('CheckAvailability', () =>
      inventory.rpc.checkAvailability({ eventId: plan.eventId, selection: { $case: 'seatIds', value: { seatIds: [...hold.seatIds] } } }),
    );
    await timed('GetSeatMap', () => inventory.rpc.getSeatMap({ eventId: plan.eventId, sectionId: hold.sectionId }));
    if (index % 2 === 0) {
      await timed('CommitHold', () => inventory.rpc.commitHold({ ...owner, paymentReference: `pi_${hold.holdId}` }));
    } else {
      await timed('ReleaseHold', () => inventory.rpc.releaseHold({ ...owner, reason: ReleaseReason.USER_CANCELLED }));
    }
  };
  let next = 0;
  const worker = async () => {
    for (let index = next++; index < plan.holds.length; index = next++) {
      const hold = plan.holds[index];
      if (hold) await lifecycle(hold, index);
    }
  };
  try {
    await Promise.all(Array.from({ length: plan.concurrency }, worker));
    return {
      scenario: 'hold-lifecycle',
      rpcs: Object.fromEntries([...recorders].map(([rpc, recorder]) => [rpc, recorder.result()])),
    };
  } finally {
    inventory.close();
  }
}
