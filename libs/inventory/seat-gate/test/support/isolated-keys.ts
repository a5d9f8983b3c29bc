import { randomBytes } from 'node:crypto';
import type { RedisConnection } from '../../src/lua-command';
import { dataNodes } from './stand-ins';

/** A key prefix no other test uses (no braces, so hash tags keep their slot). */
export function uniqueKeyPrefix(): string {
  return `t-${randomBytes(4).toString('hex')}-`;
}

/**
 * Deletes every key starting with `prefix` (the full key, including any client `keyPrefix`). Each
 * master is scanned, since SCAN only sees its own node's keys; keys are deleted one per command,
 * since a multi-key DEL across slots is a CROSSSLOT error.
 *
 * @returns how many keys were deleted.
 */
export async function cleanupKeys(client: RedisConnection, prefix: string): Promise<number> {
  const counts = await Promise.all(
    dataNodes(client).map(async (node) => {
      // SCAN's MATCH is not prefixed by ioredis, but UNLINK's key is: strip the client's prefix.
      const ownPrefix = node.options.keyPrefix ?? '';
      let deleted = 0;
      for await (const keys of node.scanStream({ match: `${prefix}*`, count: 1_000 }) as AsyncIterable<string[]>) {
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
