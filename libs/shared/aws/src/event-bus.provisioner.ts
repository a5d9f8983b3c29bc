import {
  CreateEventBusCommand,
  DeleteEventBusCommand,
  DescribeEventBusCommand,
  type EventBridgeClient,
} from '@aws-sdk/client-eventbridge';
import type { EventBusDefinition } from '@ticketing/resources';
import { isAwsError } from './aws-error';
import { ResourceProvisioningError } from './provisioning.errors';
import type { ProvisionedEventBus } from './provisioned-resources';

/** Creates the bus unless it exists. */
export async function provisionEventBus(
  eventBridge: EventBridgeClient,
  definition: EventBusDefinition,
  name: string,
): Promise<ProvisionedEventBus> {
  try {
    const { EventBusArn } = await eventBridge.send(
      new CreateEventBusCommand({ Name: name, Description: definition.description }),
    );
    if (EventBusArn) return { logicalName: definition.logicalName, name, arn: EventBusArn };
  } catch (error) {
    if (!isAwsError(error, 'ResourceAlreadyExistsException')) {
      throw ResourceProvisioningError.from('create', 'event bus', name, error);
    }
  }
  const arn = await eventBusArn(eventBridge, name);
  if (!arn) throw new ResourceProvisioningError('create', 'event bus', name, 'it does not exist after creation');
  return { logicalName: definition.logicalName, name, arn };
}

/** Deletes the bus (its rules must be gone); a bus that is already gone counts as deleted. */
export async function deleteEventBus(eventBridge: EventBridgeClient, name: string): Promise<void> {
  try {
    await eventBridge.send(new DeleteEventBusCommand({ Name: name }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) {
      throw ResourceProvisioningError.from('delete', 'event bus', name, error);
    }
  }
}

/** Whether a bus of this name exists. */
export async function eventBusExists(eventBridge: EventBridgeClient, name: string): Promise<boolean> {
  return (await eventBusArn(eventBridge, name)) !== undefined;
}

async function eventBusArn(eventBridge: EventBridgeClient, name: string): Promise<string | undefined> {
  try {
    return (await eventBridge.send(new DescribeEventBusCommand({ Name: name }))).Arn;
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return undefined;
    throw ResourceProvisioningError.from('describe', 'event bus', name, error);
  }
}
