import { randomBytes } from 'node:crypto';
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  type QueueAttributeName,
  SQSClient,
} from '@aws-sdk/client-sqs';
import {
  physicalName,
  type QueueDefinition,
  reservationWorkerDeadLetterQueue,
  reservationWorkerQueue,
} from '@ticketing/resources';

/*
 * A minimal twin of @ticketing/aws's queue provisioning, on purpose: a data-access lib may depend
 * on util libs only, tests included (@nx/enforce-module-boundaries), so this lib cannot import
 * @ticketing/aws or @ticketing/testing. It creates the worker queue and its DLQ from the
 * definitions production uses (visibility timeout, retention, redrive after maxReceiveCount),
 * under a prefix of their own, on the SQS emulator (SQS_ENDPOINT, default http://127.0.0.1:4566).
 */

/** One test's worker queue and dead-letter queue. */
export interface FreshWorkerQueues {
  readonly sqs: SQSClient;
  /** Where the emulator is, for a ConsumerPool (which receives through a client of its own). */
  readonly location: { readonly region: string; readonly endpoint: string };
  readonly prefix: string;
  /** `reservation-worker`, redriving to the DLQ after `maxReceiveCount` receives. */
  readonly queue: ProvisionedTestQueue;
  /** `reservation-worker-dlq`. */
  readonly deadLetterQueue: ProvisionedTestQueue;
  /** Deletes both queues and closes the client; safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface ProvisionedTestQueue {
  readonly name: string;
  readonly url: string;
}

const env = process.env;
env['AWS_ACCESS_KEY_ID'] ??= 'local';
env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
const location = { region: env['AWS_REGION'] ?? 'us-east-1', endpoint: env['SQS_ENDPOINT'] ?? 'http://127.0.0.1:4566' };

/** An SQS client for the emulator. */
export function localSqsClient(): SQSClient {
  return new SQSClient(location);
}

/** Creates the worker queue pair under a unique prefix. */
export async function freshWorkerQueues(): Promise<FreshWorkerQueues> {
  const sqs = localSqsClient();
  const prefix = `t-${randomBytes(4).toString('hex')}-`;
  const created: ProvisionedTestQueue[] = [];
  const cleanup = once(async () => {
    await Promise.all(created.map((queue) => sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url })).catch(() => undefined)));
    sqs.destroy();
  });
  try {
    // The DLQ first: SQS validates a redrive policy's target ARN.
    const deadLetterQueue = await createQueue(sqs, reservationWorkerDeadLetterQueue, prefix);
    created.push(deadLetterQueue);
    const queue = await createQueue(sqs, reservationWorkerQueue, prefix, await queueArn(sqs, deadLetterQueue.url));
    created.push(queue);
    return { sqs, location, prefix, queue, deadLetterQueue, cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

async function createQueue(sqs: SQSClient, definition: QueueDefinition, prefix: string, deadLetterArn?: string): Promise<ProvisionedTestQueue> {
  const name = physicalName(prefix, definition.logicalName);
  const attributes: Partial<Record<QueueAttributeName, string>> = {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(definition.receiveMessageWaitTimeSeconds),
    MessageRetentionPeriod: String(definition.messageRetentionSeconds),
  };
  if (definition.deadLetter) {
    if (!deadLetterArn) throw new Error(`queue ${name} needs its dead-letter queue's ARN`);
    attributes.RedrivePolicy = JSON.stringify({ deadLetterTargetArn: deadLetterArn, maxReceiveCount: definition.deadLetter.maxReceiveCount });
  }
  const { QueueUrl } = await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }));
  if (!QueueUrl) throw new Error(`SQS returned no URL for queue ${name}`);
  return { name, url: QueueUrl };
}

async function queueArn(sqs: SQSClient, url: string): Promise<string> {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }));
  if (!Attributes?.QueueArn) throw new Error(`SQS returned no ARN for ${url}`);
  return Attributes.QueueArn;
}

function once(run: () => Promise<void>): () => Promise<void> {
  let done: Promise<void> | undefined;
  return () => (done ??= run());
}
