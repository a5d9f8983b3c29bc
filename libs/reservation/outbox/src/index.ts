export type { LeasedOutboxItem, OutboxItem, OutboxStatus } from './outbox-item';
export { outboxPutWrite, type OutboxTransactWriteItem } from './outbox-put-write';
export {
  OutboxStore,
  type DueOutboxItems,
  type LeaseResult,
  type MarkPublishedResult,
  type OutboxStoreOptions,
  type UnappliedWrite,
} from './outbox.store';
export {
  EventBridgePublisher,
  type EventBridgePublisherOptions,
  type PublishOutcome,
} from './eventbridge.publisher';
export { defaultRetryBackoff, retryDelayMs, type RetryBackoffPolicy } from './retry-backoff';
export { eventBridgeDetail, eventIdDetailField, maxEntriesPerPutEvents, maxPutEventsRequestBytes } from './put-events-entry';
export { pendingBuckets } from './outbox-keys';
