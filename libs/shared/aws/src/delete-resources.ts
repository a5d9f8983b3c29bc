import type { AwsClients } from './aws-clients.factory';
import { deleteEventBus } from './event-bus.provisioner';
import type { ProvisionedResources } from './provisioned-resources';
import { deleteQueue } from './queue.provisioner';
import { deleteRule } from './rule.provisioner';
import { deleteTable } from './table.provisioner';

/**
 * Deletes what {@link provisionResources} returned, tolerating resources that are already gone, so
 * test cleanup can run twice or after a half-finished provisioning. Rules go first (a bus with
 * rules cannot be deleted). Deletion is asynchronous in AWS: a table may be DELETING, and a queue
 * name stays unusable for 60 s, after this resolves.
 */
export async function deleteResources(clients: AwsClients, provisioned: ProvisionedResources): Promise<void> {
  await Promise.all(Object.values(provisioned.rules).map((rule) => deleteRule(clients.eventBridge, rule)));
  await Promise.all([
    ...Object.values(provisioned.eventBuses).map((bus) => deleteEventBus(clients.eventBridge, bus.name)),
    ...Object.values(provisioned.queues).map((queue) => deleteQueue(clients.sqs, queue)),
    ...Object.values(provisioned.tables).map((table) => deleteTable(clients.dynamodb, table.name)),
  ]);
}
