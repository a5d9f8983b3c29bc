import type { RedisClient } from '@ticketing/redis';
import { uniquePrefix } from './unique-prefix';

/**
 * A key prefix no other test uses; pass it as the client's `keyPrefix` (or prepend it to keys) and
 * hand it to {@link cleanupRedisKeys} afterwards. It contains no braces, so hash-tagged keys keep
 * their slot.
 */
export function isolatedRedisKeyPrefix(): string {
  return uniquePrefix();
}

/**
 * Deletes every key that starts with `prefix`. In cluster mode each master is scanned, since a
 * SCAN only sees the keys of the node it runs on. Keys are deleted one per command: a multi-key
 * DEL across slots would be a CROSSSLOT error.
 *
 * @returns the number of keys deleted.
 */
export async function cleanupRedisKeys(client: RedisClient, prefix: string): Promise<number> {
  const nodes = 'nodes' in client ? client.nodes('master') : [client];
  const counts = await Promise.all(
    nodes.map(async (node) => {
      // SCAN's MATCH is not prefixed by ioredis, but DEL's key is: strip the node's own prefix.
      const ownPrefix = node.options.keyPrefix ?? '';
      let deleted = 0;
      const stream = node.scanStream({ match: `${escapeGlob(prefix)}*`, count: 500 });
      for await (const keys of stream as AsyncIterable<string[]>) {
        if (keys.length === 0) continue;
        const pipeline = node.pipeline();
        for (const key of keys) pipeline.unlink(key.startsWith(ownPrefix) ? key.slice(ownPrefix.length) : key);
        await pipeline.exec();
        deleted += keys.length;
      }
      return deleted;
    }),
  );
  return counts.reduce((sum, count) => sum + count, 0);
}

function escapeGlob(text: string): string {
  return text.replace(/[*?[\]\\]/g, '\\$&');
}
