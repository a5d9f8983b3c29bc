import type { Cluster, Redis } from 'ioredis';

/** A Redis client in either topology, as the app builds it (see `createRedisClient`). */
export type RedisConnection = Redis | Cluster;

/** Runs one Lua script with these keys and arguments, in one round trip. */
export type LuaCommand = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on the client under `name` with ioredis `defineCommand` and returns a typed
 * caller. Why `defineCommand` rather than EVAL or a hand-rolled EVALSHA: ioredis sends the script
 * body once per connection, EVALSHA afterwards, and on NOSCRIPT (SCRIPT FLUSH, a restarted node,
 * a failover to a replica that never saw the script) it re-sends the body itself. A NOSCRIPT reply
 * means the script did not run, so the re-send cannot apply anything twice. ioredis also applies
 * the client's `keyPrefix` to the keys and routes the call by the first key's Cluster slot.
 *
 * Redefining the same name replaces the previous script, so two gates sharing one client are fine;
 * the names are namespaced so they do not clash with other users of the client.
 */
export function defineLuaCommand(client: RedisConnection, name: string, lua: string): LuaCommand {
  client.defineCommand(name, { lua });
  const command = (client as unknown as Record<string, (...args: (string | number)[]) => Promise<unknown>>)[name];
  if (typeof command !== 'function') throw new Error(`ioredis did not define the command ${name}`);
  return (keys, args) => command.call(client, keys.length, ...keys, ...args);
}
