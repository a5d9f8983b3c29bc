/**
 * `npm run -s pay -- --reservation <id> [--fail] [--intent <id>] [--amount <minor units> --currency <ISO>] [--times <n>]`
 *
 * The payment provider, simulated: publishes `payment.approved` (or, with `--fail`,
 * `payment.failed`) for a reservation to the event bus, exactly as the provider's integration
 * would, so the worker confirms (or cancels) it. Without `--amount` the reservation's total is
 * read from the reservation API's internal endpoint with the worker's service token, minted from
 * the keys of the local issuer that `tools/dev up` runs (locally the simulated provider borrows
 * the worker's identity; a real provider has no business with internal endpoints).
 * `--times 2` publishes the same notification twice (a provider redelivering it).
 * Prints the event's message id and EventBridge id.
 */
import { parseArgs } from 'node:util';
import { createAwsClients, publishEvent } from '@ticketing/aws';
import { paymentOutcomeEvent } from '@ticketing/event-contracts';
import { physicalName } from '@ticketing/resources';
import { reservationApiTokenAudience } from '@ticketing/service-identity';
import { applyLocalAwsCredentialDefaults, loadLocalInfraConfig } from '../local-infra/local-infra.config';
import { localIssuerUrl } from '../local-infra/service-issuer/local-issuer-address';
import { localServiceAccounts, mintLocalServiceToken } from '../local-infra/service-issuer/local-service-tokens';
import { localStandInEndpoints } from '../local-infra/stand-in-endpoints';
import { loadPaymentSimulatorConfig } from './payment-simulator.config';

const usage =
  'usage: pay --reservation <rsv_…> [--fail] [--intent <payment intent id>] [--amount <minor units> --currency <ISO 4217>] [--times <n>]';

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      reservation: { type: 'string' },
      fail: { type: 'boolean', default: false },
      intent: { type: 'string' },
      amount: { type: 'string' },
      currency: { type: 'string' },
      times: { type: 'string', default: '1' },
    },
    strict: true,
    allowPositionals: false,
  });
  const reservationId = values.reservation?.trim();
  if (!reservationId || !/^rsv_[0-9A-HJKMNP-TV-Z]{26}$/.test(reservationId)) throw new UsageError(`--reservation must be a reservation id; ${usage}`);
  const times = Number(values.times);
  if (!Number.isInteger(times) || times < 1 || times > 10) throw new UsageError('--times must be 1–10');
  if ((values.amount === undefined) !== (values.currency === undefined)) throw new UsageError('--amount and --currency go together');

  const config = loadPaymentSimulatorConfig();
  const local = loadLocalInfraConfig();
  const amount =
    values.amount !== undefined && values.currency !== undefined
      ? parseAmount(values.amount, values.currency)
      : await reservationTotal(config.apiUrl, reservationId, local.stateDir);

  const event = paymentOutcomeEvent({
    reservationId,
    outcome: values.fail ? 'failed' : 'approved',
    paymentIntentId: values.intent ?? `pi_sim_${Date.now().toString(36)}`,
    amount,
  });
  // The local emulator takes any credentials; another endpoint gets the SDK's own chain.
  if (config.eventBridgeEndpoint === undefined) applyLocalAwsCredentialDefaults();
  const aws = createAwsClients({
    region: config.region ?? local.region,
    eventBridgeEndpoint: config.eventBridgeEndpoint ?? localStandInEndpoints(local)['EVENTBRIDGE_ENDPOINT'],
  });
  try {
    const eventBusName = physicalName(config.resourcePrefix ?? local.resourcePrefix, 'ticketing');
    for (let index = 0; index < times; index += 1) {
      const envelopeId = await publishEvent(aws, { eventBusName, ...event });
      console.log(`${event.detailType} for ${reservationId}: message_id ${event.detail.message_id}, intent ${event.detail.payment_intent_id}, eventbridge id ${envelopeId}`);
    }
  } finally {
    aws.destroy();
  }
}

function parseAmount(amount: string, currency: string): { amount: number; currency: string } {
  if (!/^\d{1,10}$/.test(amount)) throw new UsageError('--amount must be whole minor units, e.g. 5000 for 50.00');
  if (!/^[A-Z]{3}$/.test(currency)) throw new UsageError('--currency must be an ISO 4217 code such as EUR');
  return { amount: Number(amount), currency };
}

/** The reservation's total, as a payment provider would have it from the payment intent. */
async function reservationTotal(apiUrl: string, reservationId: string, stateDir: string): Promise<{ amount: number; currency: string }> {
  const token = mintLocalServiceToken(stateDir, {
    issuer: localIssuerUrl,
    subject: localServiceAccounts.reservationWorker,
    audience: reservationApiTokenAudience,
  });
  const response = await fetch(`${apiUrl}/internal/v1/reservations/${reservationId}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(5_000),
  });
  if (!response.ok) throw new Error(`the reservation API answered ${response.status} for ${reservationId}: ${await response.text()}`);
  const { total } = (await response.json()) as { total: { amount: number; currency: string } };
  return total;
}

main().catch((error: unknown) => {
  console.error(`pay: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
