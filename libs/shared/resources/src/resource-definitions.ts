import { eventBusDefinitions } from './event-bus.definitions';
import { queueDefinitions } from './queue.definitions';
import type { ResourceDefinitions } from './resource-definition.types';
import { ruleDefinitions } from './rule.definitions';
import { tableDefinitions } from './table.definitions';

/**
 * THE set of AWS resources of the platform. Local infrastructure, the test harness and the charts'
 * documentation are all built from it; change a resource here and every environment follows.
 *
 * @example
 * ```ts
 * await provisionResources(clients, { prefix: 'ticketing-local-', definitions: resourceDefinitions });
 * ```
 */
export const resourceDefinitions: ResourceDefinitions = {
  tables: tableDefinitions,
  queues: queueDefinitions,
  eventBuses: eventBusDefinitions,
  rules: ruleDefinitions,
};
