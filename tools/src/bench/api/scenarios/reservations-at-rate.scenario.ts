import { exhausted } from '../../shared/load/closed-loop';
import { runOpenLoop } from '../../shared/load/open-loop';
import { seatGroups } from '../../shared/bench-event';
import { ApiClient, outcomeOf } from './api-client';
import type { ApiScenarioPlan, ApiScenarioResult } from './api-scenario-plan';

type Plan = Extract<ApiScenarioPlan, { scenario: 'reservations-at-rate' }>;

/**
 * The saturation scenario's requests at a fixed arrival rate (an open loop: buyers do not wait
 * for each other), timed from the moment each was due, on seat groups the saturation search left.
 */
export async function runReservationsAtRate(plan: Plan): Promise<ApiScenarioResult> {
  const groups = seatGroups(plan.event, plan.seatsPerHold);
  const client = new ApiClient(plan.target, plan.maxInFlight, 'rate');
  let next = plan.firstGroup;
  try {
    const run = await runOpenLoop({
      ratePerSecond: plan.ratePerSecond,
      warmupMs: plan.warmupMs,
      durationMs: plan.durationMs,
      maxInFlight: plan.maxInFlight,
      operation: async () => {
        const group = groups[next];
        if (!group) return exhausted;
        next += 1;
        return outcomeOf(await client.createReservation({ event_id: plan.event.eventId, seat_ids: group.seatIds }), 201);
      },
    });
    return { scenario: 'reservations-at-rate', run, groupsUsed: next - plan.firstGroup };
  } finally {
    client.close();
  }
}
