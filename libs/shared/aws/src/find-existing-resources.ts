import type { AwsClients } from './aws-clients.factory';
import { eventBusExists } from './event-bus.provisioner';
import type { ProvisionedResources } from './provisioned-resources';
import { queueExists } from './queue.provisioner';
import { ruleExists } from './rule.provisioner';
import { tableExists } from './table.provisioner';

/** Physical names of provisioned resources that still exist, by kind. */
export interface ExistingResources {
  readonly tables: readonly string[];
  readonly queues: readonly string[];
  readonly eventBuses: readonly string[];
  readonly rules: readonly string[];
}

/**
 * Which of the provisioned resources still exist (a DELETING table still counts). Lets callers
 * without SDK access, such as the test harness's own tests, prove that cleanup removed everything.
 */
export async function findExistingResources(
  clients: AwsClients,
  provisioned: ProvisionedResources,
): Promise<ExistingResources> {
  const existing = async <T extends { name: string }>(resources: Record<string, T>, exists: (r: T) => Promise<boolean>) => {
    const all = Object.values(resources);
    const found = await Promise.all(all.map(exists));
    return all.filter((_, index) => found[index]).map((resource) => resource.name);
  };
  const [tables, queues, eventBuses, rules] = await Promise.all([
    existing(provisioned.tables, (table) => tableExists(clients.dynamodb, table.name)),
    existing(provisioned.queues, (queue) => queueExists(clients.sqs, queue.name)),
    existing(provisioned.eventBuses, (bus) => eventBusExists(clients.eventBridge, bus.name)),
    existing(provisioned.rules, (rule) => ruleExists(clients.eventBridge, rule)),
  ]);
  return { tables, queues, eventBuses, rules };
}
