import { setTimeout as sleep } from 'node:timers/promises';
import { TicketingError } from '@ticketing/errors';
import {
  assertOnSale,
  bestAvailableBlocks,
  splitPartyBlocks,
  type BestAvailableCandidate,
  effectiveHoldStatus,
  holdConflict,
  holdRequestFingerprint,
  holdTotal,
  sectionNotFound,
  resolveHoldTtl,
  type HoldTtlBounds,
  inventoryContended,
  seatsUnavailable,
  validateHoldRequest,
  type EventLayout,
  type Hold,
  type SeatPlacement,
  type SeatSelection,
} from '@ticketing/inventory-domain';
import { SeatsUnavailableError, type HoldStore } from '@ticketing/inventory-seat-store';
import type { SeatAccelerators } from '../accelerators/seat-accelerators';
import type { EventCatalog } from '../events/event-catalog';
import type { InventoryMetrics } from '../inventory.metrics';
import type { SeatStatusReader } from '../seat-map/seat-status.reader';

/** A HoldSeats request in domain terms. */
export interface HoldSeatsCommand {
  readonly holdId: string;
  readonly eventId: string;
  readonly userId: string;
  readonly selection: SeatSelection | undefined;
  readonly ttlMs: number | undefined;
  /** When the caller stops waiting: best-available stops trying choices shortly before. */
  readonly answerBy?: Date | undefined;
}

/** How holds are bounded. */
export interface HoldPolicySettings {
  /** Checked once, at boot (see config.ts). */
  readonly ttl: HoldTtlBounds;
  readonly maxSeatsPerHold: number;
  readonly bestAvailableAttempts: number;
  /** Blocks a quantity hold chooses among at random on its first attempt; doubled on each retry. */
  readonly bestAvailableSpread: number;
}

/** A hold and whether it already existed (the same request was sent before). */
export interface PlacedHold {
  readonly hold: Hold;
  readonly replayed: boolean;
}

/** A hold before its seats are chosen. */
type HoldDraft = Omit<Hold, 'status' | 'seats' | 'total' | 'paymentReference' | 'releaseReason'>;

/**
 * Best-available stops trying choices this long before the caller's deadline, so a lost race ends
 * as INVENTORY_CONTENDED, which the caller can act on, not as a timeout.
 */
const answerMarginMs = 40;

/** The widest circle of equivalent blocks a retry chooses among. */
const maxSpread = 1_024;

/** Transient DynamoDB contention on the same seats is retried this often before it is reported. */
const contendedRetries = 2;

/**
 * Places holds. The path of one attempt, cheapest refusal first:
 *
 * ```
 *  Redis gate (1 Lua call) ──rejected──▶ INVENTORY_CONFLICT       (DynamoDB never asked)
 *        │ passed / bypassed (Redis down)
 *        ▼
 *  DynamoDB TransactWriteItems (every seat conditional + the hold, token = hold id)
 *        │ placed ─▶ view updated, hold returned
 *        │ seats taken ─▶ gate taught, gate keys given back, INVENTORY_CONFLICT
 *        └ hold id used ─▶ the stored hold (same request) or HOLD_CONFLICT
 * ```
 *
 * Best-available requests choose seats from the current statuses and try again with other seats
 * when someone was faster, a bounded number of times. Each choice is one of the few best blocks at
 * random, and the circle widens with every retry: a burst of concurrent requests spreads over
 * equivalent seats instead of all racing for the single best block and all but one losing.
 */
export class HoldSeatsService {
  constructor(
    private readonly catalog: EventCatalog,
    private readonly holds: HoldStore,
    private readonly statuses: SeatStatusReader,
    private readonly accelerators: SeatAccelerators,
    private readonly policy: HoldPolicySettings,
    private readonly metrics: InventoryMetrics,
  ) {}

  /** Holds the seats, or returns the hold this hold id already stands for (`replayed`). */
  async holdSeats(command: HoldSeatsCommand, now = new Date()): Promise<PlacedHold> {
    try {
      const placed = await this.place(command, now);
      this.metrics.holds.inc({ outcome: placed.replayed ? 'replayed' : 'held' });
      return placed;
    } catch (error) {
      this.metrics.holds.inc({ outcome: outcomeOf(error) });
      throw error;
    }
  }

  private async place(command: HoldSeatsCommand, now: Date): Promise<PlacedHold> {
    validateHoldRequest(command, { maxSeatsPerHold: this.policy.maxSeatsPerHold });
    const selection = command.selection as SeatSelection;
    const ttlMs = resolveHoldTtl(command.ttlMs, this.policy.ttl);
    const { event, layout } = await this.catalog.get(command.eventId);
    assertOnSale(event, now);
    const draft = {
      holdId: command.holdId,
      eventId: command.eventId,
      userId: command.userId,
      requestFingerprint: holdRequestFingerprint(command.eventId, command.userId, selection),
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    };

    if (selection.kind === 'seat-ids') {
      return this.attempt(draft, placementsOf(layout, selection.seatIds), ttlMs, now);
    }
    try {
      return await this.placeBestAvailable(draft, layout, selection, { ttlMs, answerBy: command.answerBy }, now);
    } catch (error) {
      if (!(error instanceof TicketingError) || (error.code !== 'INVENTORY_CONFLICT' && error.code !== 'INVENTORY_CONTENDED')) throw error;
      return this.existingHoldOr(error, draft);
    }
  }

  /**
   * Tries choices until one holds. Each choice is the `spread` best blocks of the first section
   * that has any: with the gate up, one Redis call claims the first of them that is wholly free
   * (concurrent requests get different blocks instead of racing for one); with the gate bypassed,
   * one of them at random goes to DynamoDB. A lost race excludes the seats it lost, and the circle
   * widens (the spread doubles) on every retry.
   *
   * A best-available request is refused only when no qualifying block is free: when the
   * exclusions leave nothing, the statuses are looked at afresh without them (a race winner may
   * have given its seats back). When the attempts run out, or the caller's deadline nears, while
   * blocks are still free, the answer is INVENTORY_CONTENDED (retry), never "no seats".
   */
  private async placeBestAvailable(
    draft: HoldDraft,
    layout: EventLayout,
    selection: Extract<SeatSelection, { kind: 'best-available' }>,
    { ttlMs, answerBy }: { readonly ttlMs: number; readonly answerBy: Date | undefined },
    now: Date,
  ): Promise<PlacedHold> {
    const excluded = new Set<string>();
    const giveUpAt = answerBy ? answerBy.getTime() - answerMarginMs : Number.POSITIVE_INFINITY;
    const lost = (attempt: number, conflictingSeatIds: readonly string[], error: TicketingError) => {
      if (attempt >= this.policy.bestAvailableAttempts || Date.now() >= giveUpAt) throw inventoryContended(error);
      for (const seatId of conflictingSeatIds) excluded.add(seatId);
    };
    for (let attempt = 1; ; attempt += 1) {
      const spread = Math.min(this.policy.bestAvailableSpread * 2 ** (attempt - 1), maxSpread);
      const candidates = await this.candidateBlocks(draft.eventId, layout, selection, { excluded, spread }, now);
      if (candidates.blocks.length === 0) {
        if (excluded.size === 0) throw seatsUnavailable([], candidates.availableCount);
        excluded.clear();
        continue;
      }
      const gate = await this.accelerators.claimFirstFree(draft.eventId, candidates.blocks, draft.holdId, ttlMs);
      if (gate.decision === 'rejected') {
        this.metrics.conflicts.inc({ detected_by: 'redis' });
        lost(attempt, gate.conflictingSeatIds, seatsUnavailable([...gate.conflictingSeatIds]));
        continue;
      }
      const seats =
        gate.decision === 'passed' ? gate.seats : (candidates.blocks[Math.floor(Math.random() * candidates.blocks.length)] as SeatPlacement[]);
      try {
        return await this.placeClaimed(draft, seats, now);
      } catch (error) {
        const conflicting = conflictingSeatIdsOf(error);
        if (!conflicting) throw error;
        lost(attempt, conflicting, error as TicketingError);
      }
    }
  }

  /**
   * A repeated best-available request chooses seats afresh, and to it the seats its own hold
   * already has look taken: with no other seats free (or those gated by other holds) it would
   * report INVENTORY_CONFLICT although its hold exists. So before a best-available conflict goes
   * out, the hold id is looked up (one read, on this failure path only): the same request gets
   * the stored hold, another one HOLD_CONFLICT. Seat-id repeats are not looked up, so that gate
   * rejections stay free of DynamoDB: the gate lets the same owner through and DynamoDB answers
   * hold-exists. (A stale gate key of another owner, left when Redis was too slow to take it
   * back, can still refuse a seat-id repeat until that key's TTL runs out.)
   */
  private async existingHoldOr(conflict: TicketingError, draft: HoldDraft): Promise<PlacedHold> {
    const stored = await this.holds.getHold(draft.holdId);
    if (!stored) throw conflict;
    if (stored.requestFingerprint === draft.requestFingerprint) return { hold: stored, replayed: true };
    throw holdConflict(draft.holdId);
  }

  /** Named seats: the gate first (a refusal costs no DynamoDB call), then DynamoDB. */
  private async attempt(
    draft: HoldDraft,
    seats: readonly SeatPlacement[],
    ttlMs: number,
    now: Date,
  ): Promise<PlacedHold> {
    const gate = await this.accelerators.claim(draft.eventId, seats, draft.holdId, ttlMs);
    if (gate.decision === 'rejected') {
      this.metrics.conflicts.inc({ detected_by: 'redis' });
      throw seatsUnavailable([...gate.conflictingSeatIds]);
    }
    return this.placeClaimed(draft, seats, now);
  }

  /**
   * DynamoDB decides, for seats the gate let through (or while it is bypassed); on failure the
   * gate keys are given back and the gate learns which seats DynamoDB found taken.
   */
  private async placeClaimed(draft: HoldDraft, seats: readonly SeatPlacement[], now: Date): Promise<PlacedHold> {
    const hold: Hold = {
      ...draft,
      status: 'ACTIVE',
      seats,
      total: holdTotal(seats),
      paymentReference: undefined,
      releaseReason: undefined,
    };
    for (let retry = 0; ; retry += 1) {
      const stopTimer = this.metrics.transactionSeconds.startTimer({ operation: 'hold' });
      try {
        const result = await this.holds.placeHold({ hold, now });
        stopTimer({ outcome: result.outcome });
        if (result.outcome === 'placed') {
          this.metrics.seatsHeld.inc(seats.length);
          await this.accelerators.updateView(hold.eventId, seats, 'HELD', hold.expiresAt);
          return { hold, replayed: false };
        }
        return await this.replay(hold, seats, now);
      } catch (error) {
        stopTimer({ outcome: outcomeOf(error) });
        if (error instanceof TicketingError && error.code === 'HOLD_CONFLICT') return this.replay(hold, seats, now);
        if (error instanceof TicketingError && error.code === 'INVENTORY_CONTENDED' && retry < contendedRetries) {
          await sleep(10 + Math.random() * 40 * (retry + 1));
          continue;
        }
        await this.accelerators.release(hold.eventId, seats, hold.holdId);
        if (error instanceof SeatsUnavailableError) {
          this.metrics.conflicts.inc({ detected_by: 'dynamodb' });
          await this.accelerators.remember(hold.eventId, error.conflictingSeats, now);
        }
        throw error;
      }
    }
  }

  /**
   * The hold id was used before: the same request gets the stored hold, another one HOLD_CONFLICT.
   * The gate keys this attempt claimed stay only while the stored hold still holds its seats: a
   * repeat of a hold that ran out or was released must not block them for another TTL.
   */
  private async replay(attempted: Hold, claimedSeats: readonly SeatPlacement[], now: Date): Promise<PlacedHold> {
    const stored = await this.holds.getHold(attempted.holdId);
    if (stored && stored.requestFingerprint === attempted.requestFingerprint) {
      const status = effectiveHoldStatus(stored, now);
      if (status === 'EXPIRED' || status === 'RELEASED') await this.accelerators.release(attempted.eventId, claimedSeats, attempted.holdId);
      return { hold: stored, replayed: true };
    }
    const storedSeatIds = new Set(stored?.seats.map((seat) => seat.seatId));
    await this.accelerators.release(
      attempted.eventId,
      claimedSeats.filter((seat) => !storedSeatIds.has(seat.seatId)),
      attempted.holdId,
    );
    throw holdConflict(attempted.holdId);
  }

  /**
   * The `spread` best blocks of the first section (in layout order, or the asked one) that has any.
   * With `allowSplit`, when no section seats the party in one row, the best two-row blocks instead.
   */
  private async candidateBlocks(
    eventId: string,
    layout: EventLayout,
    selection: Extract<SeatSelection, { kind: 'best-available' }>,
    { excluded, spread }: { readonly excluded: ReadonlySet<string>; readonly spread: number },
    now: Date,
  ): Promise<{ readonly blocks: SeatPlacement[][]; readonly availableCount: number }> {
    const sectionIds = selection.sectionId ? [selection.sectionId] : layout.sections.map((section) => section.sectionId);
    if (selection.sectionId && !layout.sections.some((section) => section.sectionId === selection.sectionId)) {
      throw sectionNotFound(eventId, selection.sectionId, 'selection.best_available.section_id');
    }
    let availableCount = 0;
    const rowsBySection: (readonly BestAvailableCandidate[])[][] = [];
    for (const sectionId of sectionIds) {
      const statuses = await this.statuses.sectionStatuses(eventId, layout, sectionId, now);
      const rows = layout.rowsOfSection(sectionId).map((row) =>
        row.map((placement) => ({ placement, available: statuses.get(placement.seatId) === 'AVAILABLE' })),
      );
      availableCount += rows.flat().filter((seat) => seat.available && !excluded.has(seat.placement.seatId)).length;
      const blocks = bestAvailableBlocks(rows, selection.quantity, { exclude: excluded, limit: spread });
      if (blocks.length > 0) return { blocks, availableCount };
      rowsBySection.push(rows);
    }
    if (selection.allowSplit) {
      for (const rows of rowsBySection) {
        const blocks = splitPartyBlocks(rows, selection.quantity, { exclude: excluded, limit: spread });
        if (blocks.length > 0) return { blocks, availableCount };
      }
    }
    return { blocks: [], availableCount };
  }
}

function placementsOf(layout: EventLayout, seatIds: readonly string[]): SeatPlacement[] {
  const placements = layout.placementsOf(seatIds, 'selection.seat_ids');
  const blocked = placements.filter((placement) => placement.blocked).map((placement) => placement.seatId);
  if (blocked.length > 0) throw seatsUnavailable(blocked);
  return placements;
}

/** The seats an INVENTORY_CONFLICT names; with `allowEmpty`, also a conflict naming none ("no block fits"). */
function conflictingSeatIdsOf(error: unknown, options: { readonly allowEmpty?: boolean } = {}): readonly string[] | undefined {
  if (!(error instanceof TicketingError) || error.code !== 'INVENTORY_CONFLICT') return undefined;
  const ids = (error.details as { conflictingSeatIds?: readonly string[] }).conflictingSeatIds ?? [];
  return ids.length > 0 || options.allowEmpty ? ids : undefined;
}

function outcomeOf(error: unknown): string {
  if (!(error instanceof TicketingError)) return 'failed';
  switch (error.code) {
    case 'INVENTORY_CONFLICT':
      return 'conflict';
    case 'INVENTORY_CONTENDED':
      return 'contended';
    case 'INVENTORY_THROTTLED':
      return 'throttled';
    case 'VALIDATION_FAILED':
      return 'invalid';
    default:
      return error.code.toLowerCase();
  }
}
