import { exhausted, recordClosedLoop } from '../../shared/load/closed-loop';
import type { RecordedCalls } from '../../shared/load/outcome-recorder';
import { seatGroups } from '../../shared/bench-event';
import { ApiClient, outcomeOf } from './api-client';
import type { ApiScenarioPlan, ApiScenarioResult, ConcurrencyStep } from './api-scenario-plan';

type Plan = Extract<ApiScenarioPlan, { scenario: 'saturation' }>;

/** The successful answer of POST /v1/reservations. */
export const createdOutcome = '201';

/**
 * Finds how many reservations per second the API completes: closed-loop steps of growing
 * concurrency, each POST a new user asking for two adjacent seats nobody asked for (groups handed
 * out round-robin over the sections, like an on-sale burst over the venue). A closed loop cannot
 * overload the API, so its best step is the most it completes; the steps around it show what
 * more concurrency costs in latency.
 */
export async function runReservationSaturation(plan: Plan): Promise<ApiScenarioResult> {
  const groups = seatGroups(plan.event, plan.seatsPerHold);
  const client = new ApiClient(plan.target, Math.max(...plan.concurrencySteps), 'sat');
  let next = 0;
  let soldOut = false;
  const operation = async () => {
    const group = groups[next];
    if (!group) {
      soldOut = true;
      return exhausted;
    }
    next += 1;
    return outcomeOf(await client.createReservation({ event_id: plan.event.eventId, seat_ids: group.seatIds }), 201);
  };

  const steps: ConcurrencyStep[] = [];
  let stoppedBecause = 'last step';
  try {
    for (const [index, concurrency] of plan.concurrencySteps.entries()) {
      const recorder = await recordClosedLoop({
        concurrency,
        warmupMs: index === 0 ? plan.firstWarmupMs : plan.step.warmupMs,
        durationMs: plan.step.durationMs,
        operation,
      });
      const run = recorder.result();
      steps.push({ concurrency, run });
      if (soldOut) {
        stoppedBecause = 'event sold out';
        break;
      }
      if (failureShare(run) > plan.maxFailureShare) {
        stoppedBecause = `failures above ${plan.maxFailureShare * 100} % at concurrency ${concurrency}`;
        break;
      }
    }
    const [previous, last] = steps.slice(-2);
    if (stoppedBecause === 'last step' && previous && last) {
      const gain = createdPerSecond(last.run) / Math.max(createdPerSecond(previous.run), Number.MIN_VALUE) - 1;
      stoppedBecause = `last step (${gain >= 0 ? '+' : ''}${Math.round(gain * 1000) / 10} % over the step before${gain > 0.05 ? ': still rising, the maximum may lie higher' : ''})`;
    }
    return { scenario: 'saturation', steps, stoppedBecause, groupsUsed: next };
  } finally {
    client.close();
  }
}

/** Reservations created per second in a run. */
export function createdPerSecond(run: RecordedCalls): number {
  return run.outcomes[createdOutcome]?.perSecond ?? 0;
}

/** Share of a run's calls that did not end 201. */
export function failureShare(run: RecordedCalls): number {
  const counts = Object.values(run.outcomes).map((stats) => stats.count);
  const all = counts.reduce((sum, count) => sum + count, 0);
  return all === 0 ? 0 : 1 - (run.outcomes[createdOutcome]?.count ?? 0) / all;
}
