import { createRedisClient, whenRedisReady, type RedisClient } from '@ticketing/redis';
import { cleanupRedisKeys } from '@ticketing/testing';
import type { CleanupStack } from '../cleanup-stack';

/**
 * A connection to the stand-in Redis for the benchmark's own bookkeeping, closed by `cleanup` —
 * after deleting every key under `deleteKeysUnder` first, when the run's services write there.
 * Resolves once it is ready.
 */
export async function connectBenchRedis(
  redisUrl: string,
  cleanup: CleanupStack,
  options: { readonly deleteKeysUnder?: string } = {},
): Promise<RedisClient> {
  const redis = createRedisClient({ mode: 'standalone', url: redisUrl });
  // Connection trouble surfaces through the calls that need Redis; the event alone would crash the run.
  redis.on('error', () => undefined);
  const { deleteKeysUnder } = options;
  if (deleteKeysUnder === undefined) {
    cleanup.push('close the Redis connection', async () => redis.disconnect());
  } else {
    cleanup.push('delete the benchmark Redis keys', async () => {
      try {
        await cleanupRedisKeys(redis, deleteKeysUnder);
      } finally {
        redis.disconnect();
      }
    });
  }
  await whenRedisReady(redis);
  return redis;
}
