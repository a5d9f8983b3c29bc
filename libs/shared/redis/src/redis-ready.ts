import type { RedisClient } from './redis-client.factory';
import { RedisNotReadyError } from './redis.errors';

/**
 * Resolves once the client is ready for commands (its first connection, and for a cluster the slot
 * map, are established). For tests and for services whose readiness requires Redis; request paths
 * should not wait: with the offline queue disabled they simply skip Redis until it is ready.
 *
 * @throws RedisNotReadyError after `timeoutMs`, or if the client was closed.
 */
export async function whenRedisReady(client: RedisClient, { timeoutMs = 5_000 } = {}): Promise<void> {
  if (client.status === 'ready') return;
  await new Promise<void>((resolve, reject) => {
    const fail = (reason: string) => {
      cleanup();
      reject(new RedisNotReadyError(`Redis is not ready: ${reason}`));
    };
    const onReady = () => {
      cleanup();
      resolve();
    };
    const onEnd = () => fail('the client was closed');
    const timer = setTimeout(() => fail(`not ready after ${timeoutMs} ms (status ${client.status})`), timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      client.off('ready', onReady);
      client.off('end', onEnd);
    };
    client.once('ready', onReady);
    client.once('end', onEnd);
  });
}
