import type { RedisClient } from '../../src/redis-client.factory';

/**
 * The shape of the hold gate: check every key, and only if none exists, SET them all with the
 * owner token and a TTL. One script, so no other client can slip in between check and set.
 * Returns 0 when all keys were claimed, else the 1-based index of the first key already taken.
 */
const claimKeysScript = `
for index, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then return index end
end
for _, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[1], 'PX', ARGV[2])
end
return 0
`;

/** Runs the claim script; see {@link claimKeysScript}. */
export async function claimKeys(client: RedisClient, keys: readonly string[], owner: string, ttlMs: number) {
  return Number(await client.eval(claimKeysScript, keys.length, ...keys, owner, ttlMs));
}
