import { runClosedLoop } from '../../shared/load/closed-loop';
import { seatGroups } from '../../shared/bench-event';
import { benchHoldId, connectInventory, failureOutcome } from './inventory-connection';
import type { ScenarioPlan, ScenarioResult } from './scenario-plan';

type Plan = Extract<ScenarioPlan, { scenario: 'contended-holds' }>;

/**
 * Rejection throughput under heavy contention: the CLI has already held every seat of a small
 * event; all virtual clients keep asking for random groups of those seats with fresh hold ids.
 * Every call should end `inventory_conflict` — refused by the Redis gate, DynamoDB untouched.
 */
export async function runContendedHolds(plan: Plan): Promise<ScenarioResult> {
  const groups = seatGroups(plan.event, plan.seatsPerHold);
  if (groups.length === 0) throw new Error(`event ${plan.event.eventId} has no group of ${plan.seatsPerHold} seats`);
  const inventory = connectInventory(plan.target);
  try {
    const run = await runClosedLoop({
      ...plan.load,
      operation: async (worker) => {
        const group = groups[Math.floor(Math.random() * groups.length)] ?? groups[0];
        try {
          await inventory.rpc.holdSeats({
            holdId: benchHoldId(),
            eventId: plan.event.eventId,
            userId: `bench-rival-${worker}`,
            selection: { $case: 'seatIds', value: { seatIds: [...(group?.seatIds ?? [])] } },
            ttl: undefined,
          });
          return 'held';
        } catch (error) {
          return failureOutcome(error);
        }
      },
    });
    return { scenario: 'contended-holds', run };
  } finally {
    inventory.close();
  }
}
