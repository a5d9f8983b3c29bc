export {
  createRedisClient,
  type RedisClient,
  type RedisClientOptions,
  type RedisConnectionConfig,
  type RedisNode,
} from './redis-client.factory';
export { hashTaggedKey } from './hash-tagged-key';
export { whenRedisReady } from './redis-ready';
export { InvalidRedisKeyError, RedisNotReadyError } from './redis.errors';
export { RedisCircuit } from './redis-circuit';
export type {
  RedisCircuitOptions,
  RedisCircuitResult,
  RedisCircuitState,
  RedisCircuitStateListener,
} from './redis-circuit.types';
