import { setTimeout as sleep } from 'node:timers/promises';
import { exhausted, runClosedLoop } from '../../shared/load/closed-loop';
import { ApiClient, outcomeOf } from '../../api/scenarios/api-client';
import type { OnSaleScenarioPlan, OnSaleScenarioResult } from './onsale-scenario-plan';

type Plan = Extract<OnSaleScenarioPlan, { scenario: 'onsale-payments' }>;

/** A report answered 5xx or not at all is sent again (same Idempotency-Key) after these pauses, as the worker retries a message. */
const retryPausesMs = [500, 1_000, 2_000, 4_000, 8_000];

/**
 * The winners who pay: an APPROVED payment per reservation reported on the API's internal
 * endpoint, as the reservation worker reports it when the provider's `payment.approved` arrives
 * (the Idempotency-Key derived from the payment, like the worker's from the event). The API
 * commits the hold and the reservation becomes CONFIRMED. A 5xx or no answer is tried again with
 * backoff, as the worker's message would be redelivered. Outcomes (the last answer of each):
 * `200 CONFIRMED`, else what the API answered.
 */
export async function runOnSalePayments(plan: Plan): Promise<OnSaleScenarioResult> {
  const client = new ApiClient({ ...plan.target, baseUrl: plan.internalBaseUrl }, plan.concurrency, 'pay');
  let next = 0;
  let serverErrors = 0;
  try {
    const run = await runClosedLoop({
      concurrency: plan.concurrency,
      warmupMs: 0,
      durationMs: 600_000,
      operation: async () => {
        const reservation = plan.reservations[next++];
        if (!reservation) return exhausted;
        const paymentIntentId = `pi_bench_${reservation.reservationId}`;
        let outcome = 'error';
        for (let attempt = 0; attempt <= retryPausesMs.length && (outcome === 'error' || outcome.startsWith('5')); attempt += 1) {
          if (attempt > 0) await sleep(retryPausesMs[attempt - 1] ?? 0);
          try {
            const answer = await client.send(
              'POST',
              `/internal/v1/reservations/${encodeURIComponent(reservation.reservationId)}/payment`,
              { 'idempotency-key': `payment-${paymentIntentId}`, 'content-type': 'application/json' },
              JSON.stringify({
                payment_intent_id: paymentIntentId,
                status: 'APPROVED',
                amount: { amount: reservation.amount, currency: reservation.currency },
              }),
            );
            outcome = outcomeOf(answer, 200);
            if (answer.status >= 500) serverErrors += 1;
            if (outcome === '200') outcome = `200 ${(JSON.parse(answer.body.toString('utf8')) as { status?: string }).status ?? ''}`;
          } catch {
            outcome = 'error';
            serverErrors += 1;
          }
        }
        return outcome;
      },
    });
    return { scenario: 'onsale-payments', run, serverErrors };
  } finally {
    client.close();
  }
}
