import { applySeatStatusesScript } from './apply-seat-statuses.script';
import { defineLuaCommand, type LuaCommand, type RedisConnection } from './lua-command';
import { readSeatStatusesScript } from './read-seat-statuses.script';
import { InvalidSeatGateArgumentError } from './seat-gate.errors';
import { decodeSeatStatus, encodeSeatStatus, implicitSeatStatus } from './seat-status-encoding';
import type { SeatStatusUpdate, SeatStatusViewOptions, ViewedSeatStatus } from './seat-status-view.types';
import { assertKeyPrefix, assertTtlMs, sectionKeys } from './section-keys';

const defaultViewTtlMs = 24 * 60 * 60 * 1_000;
const defaultChunkSize = 1_000;

/**
 * A Redis-kept copy of seat statuses for fast seat maps, one hash per event section:
 * `<prefix>{<eventId>:<sectionId>}:view`, field = seat id, value = `status|version|holdExpiresAtMs`,
 * plus a readiness marker `<prefix>{<eventId>:<sectionId>}:view:ready` with a TTL.
 *
 * Only seats that are not AVAILABLE at version 0 have a field: a missing field means AVAILABLE at
 * version 0, so a fresh 10,000-seat section costs nothing until seats move. Writes are monotonic
 * per seat (a field is replaced only by a greater version), so updates may arrive in any order
 * and a rebuild from an older snapshot cannot undo a newer update.
 *
 * Never the truth: DynamoDB is. The marker's TTL bounds how long a missed update (a write that
 * failed while Redis was sick) can show: when it expires, {@link SeatStatusView.read} answers
 * `undefined`, the caller reads DynamoDB and calls {@link SeatStatusView.rebuild}. Call
 * {@link SeatStatusView.invalidate} when Redis comes back after an outage (updates were surely
 * missed).
 *
 * ```
 * time ──────────────────────────────────────────────────────────────────────────────────▶
 * marker   ├──── rebuild: ready, PX readyTtl ────┤ expired  ├──── rebuild ──── …
 * read        Map (Redis only)                     undefined → DynamoDB → rebuild
 * apply    every seat change, version-checked, whether or not the marker lives
 * ```
 *
 * Every method rejects on Redis errors; wrap calls in a `RedisCircuit`.
 */
export class SeatStatusView {
  private readonly keyPrefix: string;
  private readonly viewTtlMs: number;
  private readonly chunkSize: number;
  private readonly applySeatStatuses: LuaCommand;
  private readonly readSeatStatuses: LuaCommand;

  /**
   * @throws InvalidSeatGateArgumentError for a prefix with a brace, or a TTL or chunk size that is
   *   not a positive integer.
   */
  constructor(
    private readonly client: RedisConnection,
    options: SeatStatusViewOptions = {},
  ) {
    this.keyPrefix = options.keyPrefix ?? '';
    this.viewTtlMs = options.viewTtlMs ?? defaultViewTtlMs;
    this.chunkSize = options.chunkSize ?? defaultChunkSize;
    assertKeyPrefix(this.keyPrefix);
    assertTtlMs('viewTtlMs', this.viewTtlMs);
    if (!Number.isSafeInteger(this.chunkSize) || this.chunkSize <= 0) {
      throw new InvalidSeatGateArgumentError(`chunkSize must be a positive integer, got ${this.chunkSize}`);
    }
    this.applySeatStatuses = defineLuaCommand(client, 'seatViewApply', applySeatStatusesScript);
    this.readSeatStatuses = defineLuaCommand(client, 'seatViewRead', readSeatStatusesScript);
  }

  /**
   * Writes each update whose version is greater than the stored one (see the class comment); one
   * Lua call per `chunkSize` updates, so a hold's or commit's seats are one round trip.
   *
   * @returns how many fields were written (older or equal versions are skipped).
   * @throws InvalidSeatGateArgumentError for a version that is not a non-negative integer.
   */
  async apply(eventId: string, sectionId: string, updates: readonly SeatStatusUpdate[]): Promise<number> {
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    assertVersions(updates);
    if (updates.length === 0) return 0;
    const written = await Promise.all(chunk(updates, this.chunkSize).map((part) => this.write(keys, part, 0)));
    return written.reduce((sum, count) => sum + count, 0);
  }

  /**
   * The section's seat statuses, or `undefined` when the view is not ready (never built, marker
   * expired or invalidated, hash evicted): read DynamoDB and {@link SeatStatusView.rebuild}. Seats
   * missing from the map are AVAILABLE at version 0. One round trip.
   *
   * @throws CorruptSeatStatusViewError if a field was not written by this library.
   */
  async read(eventId: string, sectionId: string): Promise<Map<string, ViewedSeatStatus> | undefined> {
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    const reply = (await this.readSeatStatuses([keys.view, keys.viewReady], [])) as string[] | null;
    if (reply === null) return undefined;
    const seats = new Map<string, ViewedSeatStatus>();
    for (let index = 0; index < reply.length; index += 2) {
      const seatId = reply[index] as string;
      seats.set(seatId, decodeSeatStatus(seatId, reply[index + 1] as string));
    }
    return seats;
  }

  /**
   * Feeds a DynamoDB snapshot of the section into the view (apply-if-newer, so concurrent live
   * updates win when newer) and then marks it ready for `readyTtlMs`. Large sections go in
   * `chunkSize` pieces; the marker is set by the last piece, after all others have been applied.
   * Pass every seat of the section (AVAILABLE@0 seats cost nothing).
   *
   * @throws InvalidSeatGateArgumentError for a bad version, or a `readyTtlMs` that is not a
   *   positive integer or exceeds the view TTL (the hash must outlive its marker).
   */
  async rebuild(
    eventId: string,
    sectionId: string,
    states: readonly SeatStatusUpdate[],
    readyTtlMs: number,
  ): Promise<void> {
    assertTtlMs('readyTtlMs', readyTtlMs);
    if (readyTtlMs > this.viewTtlMs) {
      throw new InvalidSeatGateArgumentError(`readyTtlMs ${readyTtlMs} exceeds the view TTL ${this.viewTtlMs}`);
    }
    const keys = sectionKeys(this.keyPrefix, eventId, sectionId);
    assertVersions(states);
    const parts = chunk(states, this.chunkSize);
    const last = parts.pop() ?? [];
    await Promise.all(parts.map((part) => this.write(keys, part, 0)));
    await this.write(keys, last, readyTtlMs);
  }

  /** Drops the readiness marker: the next {@link SeatStatusView.read} answers `undefined` (rebuild). */
  async invalidate(eventId: string, sectionId: string): Promise<void> {
    await this.client.del(sectionKeys(this.keyPrefix, eventId, sectionId).viewReady);
  }

  private async write(
    keys: { view: string; viewReady: string },
    updates: readonly SeatStatusUpdate[],
    readyTtlMs: number,
  ): Promise<number> {
    const args: (string | number)[] = [this.viewTtlMs, readyTtlMs, implicitSeatStatus];
    for (const update of updates) {
      args.push(update.seatId, update.version, encodeSeatStatus(update));
    }
    return Number(await this.applySeatStatuses([keys.view, keys.viewReady], args));
  }
}

/** Checked before anything is sent, so a bad update never leaves a half-applied batch. */
function assertVersions(updates: readonly SeatStatusUpdate[]): void {
  for (const update of updates) {
    if (!Number.isSafeInteger(update.version) || update.version < 0) {
      throw new InvalidSeatGateArgumentError(`Seat ${update.seatId} has an invalid version ${update.version}`);
    }
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts;
}
