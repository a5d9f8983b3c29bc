import { exhausted } from '../../shared/load/closed-loop';
import { runOpenLoop } from '../../shared/load/open-loop';
import { PaymentPublisher } from './payment-publisher';
import type { PublishedPayment, WorkerScenarioPlan, WorkerScenarioResult } from './worker-scenario-plan';

type Plan = Extract<WorkerScenarioPlan, { scenario: 'publish-at-rate' }>;

/** The outcome of a PutEvents call that went through. */
export const publishedOutcome = 'published';

/**
 * Payment approvals at a fixed arrival rate (an open loop: payments do not wait for each other),
 * one per reservation. Each event's publish time is when it was DUE: the latency the CLI derives
 * (due → `event handled`) includes any lag of the publisher and the PutEvents call itself.
 */
export async function runPublishAtRate(plan: Plan): Promise<WorkerScenarioResult> {
  const publisher = new PaymentPublisher(plan.target);
  const published: PublishedPayment[] = [];
  try {
    const run = await runOpenLoop({
      ratePerSecond: plan.ratePerSecond,
      warmupMs: 0,
      durationMs: plan.durationMs,
      maxInFlight: plan.maxInFlight,
      operation: async (sequence, dueAt) => {
        const reservation = plan.reservations[sequence];
        if (!reservation) return exhausted;
        published.push(await publisher.approve(reservation, dueAt));
        return publishedOutcome;
      },
    });
    return { scenario: 'publish-at-rate', published, run };
  } finally {
    publisher.close();
  }
}
