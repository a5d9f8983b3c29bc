export type {
  AccessGrant,
  DeadLetterDefinition,
  EventBusDefinition,
  EventPattern,
  EventPatternMatch,
  IndexDefinition,
  KeyAttribute,
  QueueDefinition,
  ResourceDefinitionBase,
  ResourceDefinitions,
  RuleDefinition,
  ServiceName,
  TableDefinition,
} from './resource-definition.types';
export { resourceDefinitions } from './resource-definitions';
export * from './table.definitions';
export * from './queue.definitions';
export * from './event-bus.definitions';
export * from './rule.definitions';
export { gsi1, partitionKey, sortKey, timeToLiveAttribute } from './key-attributes';
export { physicalName } from './physical-name';
export { selectDefinitions, type ResourceSelection } from './select-definitions';
export { InvalidResourceNameError, UnknownResourceError } from './resource-definition.errors';
