import { runClosedLoop } from '../../shared/load/closed-loop';
import { ApiClient, outcomeOf } from './api-client';
import type { ApiScenarioPlan, ApiScenarioResult, ConcurrencyStep } from './api-scenario-plan';

type Plan = Extract<ApiScenarioPlan, { scenario: 'api-seat-map' }>;

/**
 * GET /v1/events/{id}/seats of a whole event, each call as a new user, in closed-loop steps of
 * growing concurrency until one fails more than `maxFailureShare` of its calls (a big seat map is
 * a heavy read: its concurrency limit is part of the answer). The first answer is parsed to count
 * its seats; later ones are only read to their last byte (parsing a megabyte of JSON per call
 * would make the generator, not the API, the bottleneck).
 */
export async function runApiSeatMap(plan: Plan): Promise<ApiScenarioResult> {
  const client = new ApiClient(plan.target, Math.max(...plan.concurrencySteps), 'map');
  try {
    const first = await client.seatMap(plan.eventId);
    if (first.status !== 200) throw new Error(`GET seat map answered ${first.status}: ${first.body.toString('utf8').slice(0, 300)}`);
    const seatsPerResponse = (JSON.parse(first.body.toString('utf8')) as { seats: unknown[] }).seats.length;
    const steps: ConcurrencyStep[] = [];
    for (const concurrency of plan.concurrencySteps) {
      const run = await runClosedLoop({
        concurrency,
        ...plan.step,
        operation: async () => outcomeOf(await client.seatMap(plan.eventId), 200),
      });
      steps.push({ concurrency, run });
      const all = Object.values(run.outcomes).reduce((sum, stats) => sum + stats.count, 0);
      if (all > 0 && 1 - (run.outcomes['200']?.count ?? 0) / all > plan.maxFailureShare) break;
    }
    return { scenario: 'api-seat-map', steps, seatsPerResponse, bytesPerResponse: first.body.length };
  } finally {
    client.close();
  }
}
