import { performance } from 'node:perf_hooks';
import { PaymentPublisher } from './payment-publisher';
import type { PublishedPayment, WorkerScenarioPlan, WorkerScenarioResult } from './worker-scenario-plan';

type Plan = Extract<WorkerScenarioPlan, { scenario: 'publish-backlog' }>;

/**
 * Fills the worker's queue: one `payment.approved` per reservation, `concurrency` PutEvents calls
 * in flight. Run while no worker consumes, so the worker later starts on a backlog and its drain
 * rate is what it can process, not what the publisher can offer.
 */
export async function runPublishBacklog(plan: Plan): Promise<WorkerScenarioResult> {
  const publisher = new PaymentPublisher(plan.target);
  const published: PublishedPayment[] = [];
  const errors: string[] = [];
  let failed = 0;
  let next = 0;
  const started = performance.now();
  try {
    const sender = async () => {
      for (let reservation = plan.reservations[next++]; reservation; reservation = plan.reservations[next++]) {
        try {
          published.push(await publisher.approve(reservation));
        } catch (error) {
          failed += 1;
          if (errors.length < 5) errors.push(error instanceof Error ? error.message : String(error));
        }
      }
    };
    await Promise.all(Array.from({ length: plan.concurrency }, () => sender()));
  } finally {
    publisher.close();
  }
  return {
    scenario: 'publish-backlog',
    published,
    seconds: Math.round((performance.now() - started) / 10) / 100,
    failed,
    sampleErrors: errors,
  };
}
