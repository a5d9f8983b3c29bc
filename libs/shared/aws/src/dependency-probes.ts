import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand } from '@aws-sdk/client-sqs';
import type { AwsClients } from './aws-clients.factory';

/** A dependency a service needs is not usable; readiness reports it as failing. */
export class DependencyUnavailableError extends Error {
  override readonly name = 'DependencyUnavailableError';
}

/**
 * Resolves when `tableName` exists and is ACTIVE, so a readiness probe proves both that DynamoDB
 * answers and that this environment's tables are provisioned.
 */
export async function checkTableReachable(clients: AwsClients, tableName: string): Promise<void> {
  try {
    const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus !== 'ACTIVE') {
      throw new DependencyUnavailableError(`table ${tableName} is ${Table?.TableStatus ?? 'unknown'}`);
    }
  } catch (error) {
    if (error instanceof DependencyUnavailableError) throw error;
    throw new DependencyUnavailableError(`table ${tableName} is not reachable`, { cause: error });
  }
}

/** Resolves when the queue named `queueName` exists and SQS answers. */
export async function checkQueueReachable(clients: AwsClients, queueName: string): Promise<void> {
  try {
    await clients.sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  } catch (error) {
    throw new DependencyUnavailableError(`queue ${queueName} is not reachable`, { cause: error });
  }
}
