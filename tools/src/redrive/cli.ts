/**
 * `npm run -s redrive -- [--max <n>]`
 *
 * Moves the reservation worker's dead letters back onto its queue after the cause was fixed (a
 * deployed bug, a misconfigured token, an outage longer than maxReceiveCount retries): each
 * message keeps its body, so the worker handles it as if it arrived now; events it handled in the
 * meantime are recognised by their processed-event records and dropped. Prints how many moved,
 * by the reason they were dead-lettered for.
 *
 * Targets the local stack by default; set AWS_REGION, SQS_ENDPOINT (unset for real AWS) and
 * RESOURCE_PREFIX to redrive another environment's queue.
 */
import { parseArgs } from 'node:util';
import { createAwsClients } from '@ticketing/aws';
import { physicalName } from '@ticketing/resources';
import { queueUrlOf, redriveMessages } from '@ticketing/sqs-queue';
import { applyLocalAwsCredentialDefaults, loadLocalInfraConfig } from '../local-infra/local-infra.config';
import { localStandInEndpoints } from '../local-infra/stand-in-endpoints';

class UsageError extends Error {}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { max: { type: 'string', default: '1000' } }, strict: true, allowPositionals: false });
  const max = Number(values.max);
  if (!Number.isInteger(max) || max < 1) throw new UsageError('usage: redrive [--max <n ≥ 1>]');

  const local = loadLocalInfraConfig();
  const prefix = process.env['RESOURCE_PREFIX'] ?? local.resourcePrefix;
  const targetsLocalStack = !('SQS_ENDPOINT' in process.env);
  // The local emulator takes any credentials; real AWS gets the SDK's own chain.
  if (targetsLocalStack) applyLocalAwsCredentialDefaults();
  const aws = createAwsClients({
    region: process.env['AWS_REGION'] ?? local.region,
    sqsEndpoint: targetsLocalStack ? localStandInEndpoints(local)['SQS_ENDPOINT'] : process.env['SQS_ENDPOINT'] || undefined,
  });
  try {
    const [fromQueueUrl, toQueueUrl] = await Promise.all([
      queueUrlOf(aws.sqs, physicalName(prefix, 'reservation-worker-dlq')),
      queueUrlOf(aws.sqs, physicalName(prefix, 'reservation-worker')),
    ]);
    const { moved, reasons } = await redriveMessages(aws.sqs, { fromQueueUrl, toQueueUrl, max });
    const byReason = Object.entries(reasons)
      .map(([reason, count]) => `${reason} × ${count}`)
      .join(', ');
    console.log(`moved ${moved} message(s) from ${fromQueueUrl} back to ${toQueueUrl}${byReason ? ` (${byReason})` : ''}`);
  } finally {
    aws.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(`redrive: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(error instanceof UsageError ? 2 : 1);
});
