import { claimFirstFreeBlockScript } from './claim-first-free-block.script';
import { claimSeatsScript } from './claim-seats.script';
import { defineLuaCommand, type LuaCommand, type RedisConnection } from './lua-command';
import { markSeatsSoldScript } from './mark-seats-sold.script';
import { releaseSeatsScript } from './release-seats.script';
import { rememberSeatsScript } from './remember-seats.script';
import { assertKeyPrefix, assertTtlMs, sectionKeys } from './section-keys';
import { InvalidSeatGateArgumentError } from './seat-gate.errors';
import type { BlockClaimOutcome, RememberedSeat, SeatClaimOutcome, SeatConflict, SeatGateOptions } from './seat-gate.types';

/**
 * The fast gate in front of DynamoDB (DESIGN.md, "The hold path", point 2): one Redis key per
 * seat, `<prefix>{<eventId>:<sectionId>}:seat:<seatId>`, whose value is the owner token (the hold
 * id) and whose TTL is the hold's lifetime. Losers of a contended seat are turned away here, in one
 * round trip, without touching DynamoDB. The gate is never the safety net: DynamoDB's conditional
 * transaction still decides every hold, so a gate that is down, slow, flushed or wrong costs speed,
 * never correctness.
 *
 * The window of a seat key:
 * ```
 * time ─────────────────────────────────────────────────────────────────────────────────────▶
 * hold A   claim ✔ ──▶ DynamoDB TransactWrite ✔ ──▶ markSold(24 h) ·········· key expires
 *          │◀─────── key = "A", PX = hold TTL ──────▶│◀──── key = "A", PX = 24 h ───────▶│
 * hold B        claim ✘ taken {A} — rejected in Redis, DynamoDB never asked
 * hold C (after a flush / eviction: the gate forgot A)
 *          claim ✔ ──▶ DynamoDB ✘ (A holds it) ──▶ release(C) + remember(A, remaining TTL)
 * hold A   expires unpaid: key expires with it; a stale key only ever causes a false "taken"
 *          for at most its TTL, never a double sale (DynamoDB re-checks hold expiry itself).
 * ```
 *
 * Each single-section method is one EVALSHA on one Cluster slot (see {@link defineLuaCommand}: the
 * first call on a connection sends the script body instead, and a NOSCRIPT reply costs one extra
 * round trip that re-sends it). Methods reject on any Redis error; wrap calls in a `RedisCircuit`
 * so a sick Redis is skipped at no cost.
 *
 * @example
 * ```ts
 * const gate = new SeatGate(redis);
 * const outcome = await circuit.run(() => gate.claim('evt_1', 'A', ['A-1', 'A-2'], holdId, 600_000));
 * if (outcome.ok && outcome.value.outcome === 'taken') throw conflict(outcome.value.conflicts);
 * // claimed, or Redis unavailable: DynamoDB decides.
 * ```
 */
export class SeatGate {
  private readonly keyPrefix: string;
  private readonly claimSeats: LuaCommand;
  private readonly claimFirstFreeBlock: LuaCommand;
  private readonly releaseSeats: LuaCommand;
  private readonly markSeatsSold: LuaCommand;
  private readonly rememberSeats: LuaCommand;

  /**
   * @param client a standalone or cluster client; built by the app to fail fast (offline queue
   *   off, short command timeout). Its own `keyPrefix`, if any, comes before `options.keyPrefix`.
   * @throws InvalidSeatGateArgumentError if `options.keyPrefix` contains a brace.
   */
  constructor(
    private readonly client: RedisConnection,
    options: SeatGateOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    assertKeyPrefix(this.keyPrefix);
    this.claimSeats = defineLuaCommand(client, 'seatGateClaim', claimSeatsScript);
    this.claimFirstFreeBlock = defineLuaCommand(client, 'seatGateClaimFirstFree', claimFirstFreeBlockScript);
    this.releaseSeats = defineLuaCommand(client, 'seatGateRelease', releaseSeatsScript);
    this.markSeatsSold = defineLuaCommand(client, 'seatGateMarkSold', markSeatsSoldScript);
    this.rememberSeats = defineLuaCommand(client, 'seatGateRemember', rememberSeatsScript);
  }

  /**
   * Claims every seat for `owner`, all or nothing. Seats the owner already holds count as claimed
   * and get `ttlMs` again (a retried hold is re-entrant). If any seat is held by another owner,
   * nothing is written and every such seat is reported. Duplicate seat ids are claimed once.
   *
   * @param ttlMs the hold's lifetime; the key disappears with it.
   * @throws InvalidSeatGateArgumentError for an invalid TTL or id.
   */
  async claim(
    eventId: string,
    sectionId: string,
    seatIds: readonly string[],
    owner: string,
    ttlMs: number,
  ): Promise<SeatClaimOutcome> {
    assertTtlMs('ttlMs', ttlMs);
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const seats = unique(seatIds);
    if (seats.length === 0) return { outcome: 'claimed' };
    const reply = (await this.claimSeats(seats.map(keys.seat), [owner, ttlMs])) as (number | string)[];
    if (reply.length === 0) return { outcome: 'claimed' };
    const conflicts: SeatConflict[] = [];
    for (let index = 0; index < reply.length; index += 2) {
      conflicts.push({ seatId: seats[Number(reply[index]) - 1] as string, owner: String(reply[index + 1]) });
    }
    return { outcome: 'taken', conflicts };
  }

  /**
   * Claims for `owner` the first of `blocks` (equal-sized seat lists of one section, best first)
   * whose seats are all free, in one atomic call. When every block has a seat another owner holds,
   * nothing is written and those seats are reported (each once).
   *
   * @throws InvalidSeatGateArgumentError for an invalid TTL or id, or blocks of unequal size.
   */
  async claimFirstFree(
    eventId: string,
    sectionId: string,
    blocks: readonly (readonly string[])[],
    owner: string,
    ttlMs: number,
  ): Promise<BlockClaimOutcome> {
    assertTtlMs('ttlMs', ttlMs);
    const size = blocks[0]?.length ?? 0;
    if (size === 0 || blocks.some((block) => block.length !== size || unique(block).length !== size)) {
      throw new InvalidSeatGateArgumentError('blocks must be non-empty, of one size, without repeated seats');
    }
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const seatIds = blocks.flat();
    const reply = (await this.claimFirstFreeBlock(seatIds.map(keys.seat), [owner, ttlMs, size])) as (number | string)[];
    const chosen = Number(reply[0]);
    if (chosen > 0) return { outcome: 'claimed', blockIndex: chosen - 1 };
    const conflicts: SeatConflict[] = [];
    for (let index = 1; index < reply.length; index += 2) {
      conflicts.push({ seatId: seatIds[Number(reply[index]) - 1] as string, owner: String(reply[index + 1]) });
    }
    return { outcome: 'taken', conflicts };
  }

  /**
   * Claims seats in several sections for one hold: one {@link SeatGate.claim} per section, in
   * section-id order, so two holds racing for the same sections meet in the same order and one of
   * them wins (instead of each taking one section and both failing). If a section is taken, the sections
   * already claimed by this call are released, and the remaining sections are only looked at
   * (MGET, nothing written), so the outcome lists every conflict across the hold.
   *
   * Not atomic across sections (they live in different slots): for a moment an earlier section's
   * seats look taken to others, which at worst turns a racing hold away falsely — DynamoDB is
   * never asked to decide wrongly. A rollback also releases seats the owner held before the call;
   * the gate then forgets them and DynamoDB still protects them.
   */
  async claimAcrossSections(
    eventId: string,
    seatsBySection: ReadonlyMap<string, readonly string[]>,
    owner: string,
    ttlMs: number,
  ): Promise<SeatClaimOutcome> {
    const sections = [...seatsBySection.keys()].sort();
    const seatsOf = (sectionId: string) => seatsBySection.get(sectionId) ?? [];
    for (const [position, sectionId] of sections.entries()) {
      const outcome = await this.claim(eventId, sectionId, seatsOf(sectionId), owner, ttlMs);
      if (outcome.outcome === 'claimed') continue;
      const [, laterConflicts] = await Promise.all([
        Promise.all(
          sections.slice(0, position).map((claimed) => this.release(eventId, claimed, seatsOf(claimed), owner)),
        ),
        Promise.all(
          sections.slice(position + 1).map((later) => this.conflictsOf(eventId, later, seatsOf(later), owner)),
        ),
      ]);
      return { outcome: 'taken', conflicts: [...outcome.conflicts, ...laterConflicts.flat()] };
    }
    return { outcome: 'claimed' };
  }

  /**
   * Deletes the seat keys that belong to `owner` (compare-and-delete); keys of other owners, e.g.
   * claimed after the owner's key expired, stay.
   *
   * @returns how many keys were deleted.
   */
  async release(eventId: string, sectionId: string, seatIds: readonly string[], owner: string): Promise<number> {
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const seats = unique(seatIds);
    if (seats.length === 0) return 0;
    return Number(await this.releaseSeats(seats.map(keys.seat), [owner]));
  }

  /**
   * Call after DynamoDB committed the seats (SOLD): sets the TTL of the owner's keys to `ttlMs`
   * (e.g. 24 h) so sold seats stay gated, yet memory is reclaimed eventually and DynamoDB re-teaches
   * the gate through {@link SeatGate.remember}. Missing keys are set again (DynamoDB just confirmed
   * they are the owner's); keys of another owner are left alone.
   *
   * @returns how many keys now carry the owner with the new TTL.
   * @throws InvalidSeatGateArgumentError for an invalid TTL or id.
   */
  async markSold(
    eventId: string,
    sectionId: string,
    seatIds: readonly string[],
    owner: string,
    ttlMs: number,
  ): Promise<number> {
    assertTtlMs('ttlMs', ttlMs);
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const seats = unique(seatIds);
    if (seats.length === 0) return 0;
    return Number(await this.markSeatsSold(seats.map(keys.seat), [owner, ttlMs]));
  }

  /**
   * Records what DynamoDB revealed after a conflict the gate had missed (after a flush, an
   * eviction, or while Redis was skipped): SET NX PX per seat, so a live claim is never
   * overwritten. Seats with `ttlMs <= 0` (a hold that already expired) are skipped: there is nothing
   * left to gate.
   *
   * @returns how many keys were set.
   * @throws InvalidSeatGateArgumentError for a fractional TTL or an invalid id.
   */
  async remember(eventId: string, sectionId: string, seats: readonly RememberedSeat[]): Promise<number> {
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const live = seats.filter((seat) => seat.ttlMs > 0);
    for (const seat of live) assertTtlMs(`ttlMs of seat ${seat.seatId}`, seat.ttlMs);
    if (live.length === 0) return 0;
    return Number(
      await this.rememberSeats(
        live.map((seat) => keys.seat(seat.seatId)),
        live.flatMap((seat) => [seat.owner, seat.ttlMs]),
      ),
    );
  }

  /** Seats of one section held by another owner; read-only, one MGET on the section's slot. */
  private async conflictsOf(
    eventId: string,
    sectionId: string,
    seatIds: readonly string[],
    owner: string,
  ): Promise<SeatConflict[]> {
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const seats = unique(seatIds);
    if (seats.length === 0) return [];
    const owners = await this.client.mget(seats.map(keys.seat));
    return seats.flatMap((seatId, index) => {
      const current = owners[index];
      return current != null && current !== owner ? [{ seatId, owner: current }] : [];
    });
  }
}

function unique(seatIds: readonly string[]): string[] {
  return [...new Set(seatIds)];
}
