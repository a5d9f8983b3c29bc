import { InvalidSeatGateArgumentError } from './seat-gate.errors';

/** The Redis keys of one event section; all share the hash tag `{eventId:sectionId}`. */
export interface SectionKeys {
  /** `<prefix>{<eventId>:<sectionId>}:seat:<seatId>`: the gate's key of one seat, value = owner. */
  seat(seatId: string): string;
  /** `<prefix>{<eventId>:<sectionId>}:view`: the seat-status hash. */
  readonly view: string;
  /** `<prefix>{<eventId>:<sectionId>}:view:ready`: the view's readiness marker. */
  readonly viewReady: string;
}

/**
 * Builds the keys of one event section. Why one hash tag per section: Redis Cluster runs a script
 * only if all its keys live in one slot, and a hold's seats of one section are checked and marked
 * by one script; different sections still spread over the cluster.
 *
 * Ids are free text in the contract, so `%`, `{`, `}` and `:` in the event and section ids are
 * percent-encoded: a brace would end the tag early (moving keys to another slot) and a colon would
 * make `{a:b:c}` ambiguous between two sections. Ordinary ids (`evt_2026_1001`, `A`) stay
 * readable. The seat id follows the tag, so it may contain anything.
 *
 * @throws InvalidSeatGateArgumentError for a prefix with a brace or an empty id.
 */
export function sectionKeys(keyPrefix: string, eventId: string, sectionId: string): SectionKeys {
  assertKeyPrefix(keyPrefix);
  if (eventId === '' || sectionId === '') {
    throw new InvalidSeatGateArgumentError(`Event id "${eventId}" and section id "${sectionId}" must be non-empty`);
  }
  const base = `${keyPrefix}{${encodeTagPart(eventId)}:${encodeTagPart(sectionId)}}`;
  return {
    seat: (seatId) => `${base}:seat:${seatId}`,
    view: `${base}:view`,
    viewReady: `${base}:view:ready`,
  };
}

/**
 * A prefix with a brace would become (part of) the hash tag, so keys of one section could land in
 * different slots. The client's own ioredis `keyPrefix` obeys the same rule (createRedisClient
 * checks it).
 */
export function assertKeyPrefix(keyPrefix: string): void {
  if (/[{}]/.test(keyPrefix)) {
    throw new InvalidSeatGateArgumentError(`Key prefix "${keyPrefix}" must not contain "{" or "}"`);
  }
}

/**
 * Redis rejects `PX 0`, negative and fractional expiries; a wrong TTL is a caller's bug, so it
 * fails before the round trip.
 */
export function assertTtlMs(name: string, ttlMs: number): void {
  if (!Number.isSafeInteger(ttlMs) || ttlMs <= 0) {
    throw new InvalidSeatGateArgumentError(`${name} must be a positive integer of milliseconds, got ${ttlMs}`);
  }
}

function encodeTagPart(id: string): string {
  return id.replace(/[%{}:]/g, (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`);
}
