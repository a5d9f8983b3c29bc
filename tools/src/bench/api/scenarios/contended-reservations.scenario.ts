import { runClosedLoop } from '../../shared/load/closed-loop';
import { seatGroups } from '../../shared/bench-event';
import { ApiClient, outcomeOf } from './api-client';
import type { ApiScenarioPlan, ApiScenarioResult } from './api-scenario-plan';

type Plan = Extract<ApiScenarioPlan, { scenario: 'contended-reservations' }>;

/**
 * The losing side of an on-sale: the CLI has held every seat of a small event; every virtual
 * client keeps asking for a random group of those seats as a new user. Every answer should be
 * 409 INVENTORY_CONFLICT, refused by the inventory's Redis gate.
 */
export async function runContendedReservations(plan: Plan): Promise<ApiScenarioResult> {
  const groups = seatGroups(plan.event, plan.seatsPerHold);
  if (groups.length === 0) throw new Error(`event ${plan.event.eventId} has no group of ${plan.seatsPerHold} seats`);
  const client = new ApiClient(plan.target, plan.load.concurrency, 'ctd');
  try {
    const run = await runClosedLoop({
      ...plan.load,
      operation: async () => {
        const group = groups[Math.floor(Math.random() * groups.length)] ?? groups[0];
        const answer = await client.createReservation({ event_id: plan.event.eventId, seat_ids: group?.seatIds ?? [] });
        return outcomeOf(answer, 201);
      },
    });
    return { scenario: 'contended-reservations', run };
  } finally {
    client.close();
  }
}
