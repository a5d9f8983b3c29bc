import {
  DescribeTimeToLiveCommand,
  type DynamoDBClient,
  type TimeToLiveStatus,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { isAwsError } from './aws-error';
import { ResourceProvisioningError } from './provisioning.errors';

const onOrTurningOn: readonly (TimeToLiveStatus | undefined)[] = ['ENABLED', 'ENABLING'];

/**
 * Enables TTL on `attribute` unless it already is: DynamoDB rejects enabling it twice (and allows
 * only one TTL change per table per hour), so the state is read first. A concurrent provisioner
 * that won the race shows up as a ValidationException followed by an enabled status.
 */
export async function enableTimeToLive(dynamodb: DynamoDBClient, table: string, attribute: string): Promise<void> {
  if (await timeToLiveEnabled(dynamodb, table, attribute)) return;
  try {
    await dynamodb.send(
      new UpdateTimeToLiveCommand({
        TableName: table,
        TimeToLiveSpecification: { Enabled: true, AttributeName: attribute },
      }),
    );
  } catch (error) {
    if (isAwsError(error, 'ValidationException') && (await timeToLiveEnabled(dynamodb, table, attribute))) return;
    throw ResourceProvisioningError.from('enable TTL on', 'table', table, error);
  }
}

async function timeToLiveEnabled(dynamodb: DynamoDBClient, table: string, attribute: string): Promise<boolean> {
  try {
    const { TimeToLiveDescription: ttl } = await dynamodb.send(new DescribeTimeToLiveCommand({ TableName: table }));
    if (!onOrTurningOn.includes(ttl?.TimeToLiveStatus)) return false;
    if (ttl?.AttributeName !== attribute) {
      throw new ResourceProvisioningError(
        'enable TTL on',
        'table',
        table,
        `TTL is on "${ttl?.AttributeName}", defined is "${attribute}"`,
      );
    }
    return true;
  } catch (error) {
    if (error instanceof ResourceProvisioningError) throw error;
    throw ResourceProvisioningError.from('describe TTL of', 'table', table, error);
  }
}
