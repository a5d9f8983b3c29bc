import { InvalidRedisKeyError } from './redis.errors';

/**
 * A key whose Redis Cluster slot is decided by `tag` alone: `{tag}:part:part`.
 *
 * Why: Redis Cluster runs a script or multi-key command only if all its keys live in one slot
 * (else it answers CROSSSLOT). The hold gate checks and marks every seat of a hold in one Lua
 * script, so all seat keys of an event section share the hash tag `{evt_1:A}` and hence one slot;
 * different sections still spread over the cluster. Only the text between the first `{` and the
 * next `}` is hashed, so the tag must be non-empty (an empty `{}` hashes the whole key) and free of
 * braces; the parts may contain anything.
 *
 * @example
 * ```ts
 * hashTaggedKey('evt_1:A', 'seat', 'A-12'); // '{evt_1:A}:seat:A-12'
 * ```
 * @throws InvalidRedisKeyError if the tag is empty or contains a brace.
 */
export function hashTaggedKey(tag: string, ...parts: readonly string[]): string {
  if (tag === '' || /[{}]/.test(tag)) {
    throw new InvalidRedisKeyError(`Hash tag "${tag}" must be non-empty and must not contain "{" or "}"`);
  }
  return [`{${tag}}`, ...parts].join(':');
}
