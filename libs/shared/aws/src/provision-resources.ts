import {
  physicalName,
  type QueueDefinition,
  type ResourceDefinitions,
  type ResourceSelection,
  resourceDefinitions,
  selectDefinitions,
} from '@ticketing/resources';
import type { AwsClients } from './aws-clients.factory';
import { provisionEventBus } from './event-bus.provisioner';
import type { PollOptions } from './poll-until';
import {
  type ProvisionedQueue,
  type ProvisionedResources,
  provisionedEventBus,
  provisionedQueue,
} from './provisioned-resources';
import { ResourceProvisioningError } from './provisioning.errors';
import { allowRulesToSend } from './queue-policy.provisioner';
import { provisionQueue } from './queue.provisioner';
import { provisionRule, targetQueue } from './rule.provisioner';
import { provisionTable } from './table.provisioner';

/** What to provision, and where. */
export interface ProvisionOptions {
  /** Environment prefix of every physical name (`t-3f9a1c2e-`, `ticketing-local-`, `prod-`). */
  readonly prefix: string;
  /** Defaults to the platform's {@link resourceDefinitions}. */
  readonly definitions?: ResourceDefinitions;
  /** A subset to provision; dependencies of the selected resources are included. */
  readonly only?: ResourceSelection;
  /** How long to wait for a table to become ACTIVE; defaults to 5 minutes, asking every second. */
  readonly tableWait?: PollOptions;
}

const defaultTableWait: PollOptions = { timeoutMs: 5 * 60_000, intervalMs: 1_000 };

/**
 * Creates (or finds) the defined tables, queues, buses and rules. Idempotent: re-running converges
 * on the same resources and returns the same result, so it is safe on every deploy and test run.
 *
 * Order matters where AWS validates references: a dead-letter queue before the queue that redrives
 * to it; a bus before its rules; a queue's policy before the rule targets it.
 *
 * @throws ResourceProvisioningError naming the resource and step that failed.
 */
export async function provisionResources(clients: AwsClients, options: ProvisionOptions): Promise<ProvisionedResources> {
  const { prefix, definitions = resourceDefinitions, tableWait = defaultTableWait } = options;
  const selected = selectDefinitions(definitions, options.only);
  const name = (logicalName: string) => physicalName(prefix, logicalName);

  const [tables, queues, eventBuses] = await Promise.all([
    Promise.all(selected.tables.map((table) => provisionTable(clients.dynamodb, table, name(table.logicalName), tableWait))),
    provisionQueues(clients, selected.queues, name),
    Promise.all(selected.eventBuses.map((bus) => provisionEventBus(clients.eventBridge, bus, name(bus.logicalName)))),
  ]);
  const partial: ProvisionedResources = {
    prefix,
    tables: byLogicalName(tables),
    queues: byLogicalName(queues),
    eventBuses: byLogicalName(eventBuses),
    rules: {},
  };

  const rules = await Promise.all(
    selected.rules.map(async (definition) => ({
      targetQueue: definition.targetQueue,
      rule: await provisionRule(
        clients.eventBridge,
        definition,
        name(definition.logicalName),
        provisionedEventBus(partial, definition.eventBus).name,
      ),
    })),
  );
  const rulesByQueue = Map.groupBy(rules, (entry) => entry.targetQueue);
  // One policy write per queue: concurrent read-modify-writes of the same policy would lose statements.
  await Promise.all(
    [...rulesByQueue].map(async ([queueName, entries]) => {
      const queue = provisionedQueue(partial, queueName);
      const queueRules = entries.map((entry) => entry.rule);
      await allowRulesToSend(clients.sqs, queue, queueRules);
      await Promise.all(queueRules.map((rule) => targetQueue(clients.eventBridge, rule, queue)));
    }),
  );

  return { ...partial, rules: byLogicalName(rules.map((entry) => entry.rule)) };
}

/** Creates queues in dependency order: a queue only once its dead-letter queue has an ARN. */
async function provisionQueues(
  clients: AwsClients,
  definitions: readonly QueueDefinition[],
  name: (logicalName: string) => string,
): Promise<ProvisionedQueue[]> {
  const done = new Map<string, ProvisionedQueue>();
  let pending = [...definitions];
  while (pending.length > 0) {
    const ready = pending.filter((queue) => !queue.deadLetter || done.has(queue.deadLetter.queue));
    if (ready.length === 0) {
      const waiting = pending.map((queue) => `${queue.logicalName} → ${queue.deadLetter?.queue}`).join(', ');
      throw new ResourceProvisioningError('create', 'queue', waiting, 'its dead-letter queue is not defined');
    }
    const created = await Promise.all(
      ready.map((queue) => {
        const deadLetterArn = queue.deadLetter ? done.get(queue.deadLetter.queue)?.arn : undefined;
        return provisionQueue(clients.sqs, queue, name(queue.logicalName), deadLetterArn);
      }),
    );
    for (const queue of created) done.set(queue.logicalName, queue);
    pending = pending.filter((queue) => !done.has(queue.logicalName));
  }
  return [...done.values()];
}

function byLogicalName<T extends { readonly logicalName: string }>(resources: readonly T[]): Record<string, T> {
  return Object.fromEntries(resources.map((resource) => [resource.logicalName, resource]));
}
