export { ConsumerPool, splitIntoBatches, type ConsumerPoolOptions } from './consumer-pool';
export { MessageSettler } from './message-settler';
export { queueUrlOf } from './queue-urls';
export { redriveMessages, type RedriveResult } from './redrive';
export type { ReceivedMessage } from './received-message';
export { queueDepth, type QueueDepth } from './queue-depth';
