export { decodeItem, type WireAttributeValue } from './attribute-values';
export { forEachConcurrently, mapConcurrently } from './bounded-concurrency';
export {
  dateAttribute,
  enumAttribute,
  jsonAttribute,
  numberAttribute,
  optionalDateAttribute,
  optionalNumberAttribute,
  optionalStringAttribute,
  stringAttribute,
  type StoredItem,
} from './item-attributes';
export {
  awsErrorName,
  cancellationReasons,
  conditionFailedCode,
  conditionFailedItem,
  isConditionalCheckFailure,
  transientDynamoFailure,
  type CancellationReason,
  type TransientDynamoFailure,
} from './dynamo-failures';
export { backoffDelayMs, sleep, type RetryPolicy } from './retry-policy';
