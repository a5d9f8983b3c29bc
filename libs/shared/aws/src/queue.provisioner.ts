import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type QueueAttributeName,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import type { QueueDefinition } from '@ticketing/resources';
import { isAwsError } from './aws-error';
import { ResourceProvisioningError } from './provisioning.errors';
import type { ProvisionedQueue } from './provisioned-resources';

/** SQS's "no such queue" under the JSON protocol and under the older query protocol. */
const queueMissing = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue'];

/**
 * Creates the queue with its defined attributes, or brings an existing queue's attributes back to
 * the definition (SQS rejects CreateQueue for an existing name with different attributes).
 *
 * @param deadLetterArn ARN of the queue's dead-letter queue, which must exist already: SQS
 *   validates the RedrivePolicy target when the policy is set.
 */
export async function provisionQueue(
  sqs: SQSClient,
  definition: QueueDefinition,
  name: string,
  deadLetterArn?: string,
): Promise<ProvisionedQueue> {
  const attributes = queueAttributes(definition, deadLetterArn);
  let url: string | undefined;
  try {
    url = (await sqs.send(new CreateQueueCommand({ QueueName: name, Attributes: attributes }))).QueueUrl;
  } catch (error) {
    if (!isAwsError(error, 'QueueNameExists', 'QueueAlreadyExists')) {
      throw ResourceProvisioningError.from('create', 'queue', name, error);
    }
    url = await queueUrl(sqs, name);
    await send('update', name, () => sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: attributes })));
  }
  if (!url) throw new ResourceProvisioningError('create', 'queue', name, 'SQS returned no queue URL');
  const arn = await queueArn(sqs, name, url);
  return { logicalName: definition.logicalName, name, url, arn };
}

/** Deletes the queue; a queue that is already gone counts as deleted. */
export async function deleteQueue(sqs: SQSClient, queue: Pick<ProvisionedQueue, 'name' | 'url'>): Promise<void> {
  try {
    await sqs.send(new DeleteQueueCommand({ QueueUrl: queue.url }));
  } catch (error) {
    if (!isAwsError(error, ...queueMissing)) throw ResourceProvisioningError.from('delete', 'queue', queue.name, error);
  }
}

/** Whether a queue of this name exists. */
export async function queueExists(sqs: SQSClient, name: string): Promise<boolean> {
  try {
    await sqs.send(new GetQueueUrlCommand({ QueueName: name }));
    return true;
  } catch (error) {
    if (isAwsError(error, ...queueMissing)) return false;
    throw ResourceProvisioningError.from('look up', 'queue', name, error);
  }
}

function queueAttributes(definition: QueueDefinition, deadLetterArn?: string): Partial<Record<QueueAttributeName, string>> {
  const attributes: Partial<Record<QueueAttributeName, string>> = {
    VisibilityTimeout: String(definition.visibilityTimeoutSeconds),
    ReceiveMessageWaitTimeSeconds: String(definition.receiveMessageWaitTimeSeconds),
    MessageRetentionPeriod: String(definition.messageRetentionSeconds),
  };
  if (definition.deadLetter) {
    if (!deadLetterArn) {
      throw new ResourceProvisioningError('create', 'queue', definition.logicalName, 'its dead-letter queue ARN is missing');
    }
    attributes.RedrivePolicy = JSON.stringify({
      deadLetterTargetArn: deadLetterArn,
      maxReceiveCount: definition.deadLetter.maxReceiveCount,
    });
  }
  return attributes;
}

async function queueUrl(sqs: SQSClient, name: string): Promise<string | undefined> {
  return send('look up', name, async () => (await sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl);
}

async function queueArn(sqs: SQSClient, name: string, url: string): Promise<string> {
  const { Attributes } = await send('describe', name, () =>
    sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] })),
  );
  if (!Attributes?.QueueArn) throw new ResourceProvisioningError('describe', 'queue', name, 'SQS returned no ARN');
  return Attributes.QueueArn;
}

async function send<T>(step: string, name: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw ResourceProvisioningError.from(step, 'queue', name, error);
  }
}
