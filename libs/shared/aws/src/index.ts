export { countDynamoDbCalls, createAwsClients, documentClientFor, type AwsCallObservers, type AwsClients, type AwsClientsConfig } from './aws-clients.factory';
export { isAwsError } from './aws-error';
export { provisionResources, type ProvisionOptions } from './provision-resources';
export { deleteResources } from './delete-resources';
export { findExistingResources, type ExistingResources } from './find-existing-resources';
export {
  provisionedEventBus,
  provisionedQueue,
  provisionedRule,
  provisionedTable,
  type ProvisionedEventBus,
  type ProvisionedQueue,
  type ProvisionedResources,
  type ProvisionedRule,
  type ProvisionedTable,
} from './provisioned-resources';
export { ResourceNotProvisionedError, ResourceProvisioningError, type ResourceKind } from './provisioning.errors';
export type { PollOptions } from './poll-until';
export { checkQueueReachable, checkTableReachable, DependencyUnavailableError } from './dependency-probes';
export { scanAllItems } from './scan-all-items';
export {
  transactionCeilingProbe,
  type HoldShapedWrite,
  type ProbeItemKey,
  type ProbeTables,
  type TransactionCeilingProbe,
} from './transaction-ceiling.probe';
export { publishEvent, type EventToPublish } from './publish-event';
