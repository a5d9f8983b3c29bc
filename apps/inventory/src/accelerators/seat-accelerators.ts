import type { SeatPlacement, SeatState, SeatStatus } from '@ticketing/inventory-domain';
import type { SeatGate, SeatStatusView } from '@ticketing/inventory-seat-gate';
import type { RedisCircuit } from '@ticketing/redis';
import type { Logger } from '@ticketing/telemetry';
import type { InventoryMetrics } from '../inventory.metrics';

/** What the gate said about a claim. */
export type GateDecision =
  | { readonly decision: 'passed' }
  | { readonly decision: 'bypassed' }
  | { readonly decision: 'rejected'; readonly conflictingSeatIds: readonly string[] };

/** What the gate said about a claim of the first free block among candidates. */
export type BlockGateDecision =
  | { readonly decision: 'passed'; readonly seats: readonly SeatPlacement[] }
  | { readonly decision: 'bypassed' }
  | { readonly decision: 'rejected'; readonly conflictingSeatIds: readonly string[] };

/** A seat status as the Redis view stores it. */
export interface ViewedSeat {
  readonly status: SeatStatus;
  readonly holdExpiresAt?: Date | undefined;
}

/**
 * The Redis side of the inventory — the seat gate and the seat-status view — as best-effort
 * accelerators: every call goes through the circuit breaker and none of them ever throws. When
 * Redis is down, slow or flushed, the gate is bypassed and views come from DynamoDB; DynamoDB's
 * conditional writes decide either way, so Redis can cost speed but never correctness.
 *
 * View updates carry a stamp (microseconds since the epoch, strictly increasing per process, taken
 * after the DynamoDB write): the view keeps the newest stamp per seat, so a rebuild from a snapshot
 * read *before* an update cannot undo it. Across replicas the order is as good as their clocks
 * agree; a misordered pair can only leave a seat looking taken until the view's TTL rebuild.
 */
export class SeatAccelerators {
  constructor(
    private readonly gate: SeatGate,
    private readonly view: SeatStatusView,
    private readonly circuit: RedisCircuit,
    private readonly settings: { readonly viewTtlMs: number; readonly soldSeatGateTtlMs: number },
    private readonly metrics: InventoryMetrics,
    private readonly logger: Logger,
  ) {}

  /** Claims every seat for `holdId` in Redis, all or nothing; `rejected` spares DynamoDB a doomed write. */
  async claim(eventId: string, seats: readonly SeatPlacement[], holdId: string, ttlMs: number): Promise<GateDecision> {
    const result = await this.circuit.run(() => this.gate.claimAcrossSections(eventId, bySection(seats), holdId, ttlMs));
    if (!result.ok) {
      this.metrics.gate.inc({ decision: 'bypassed' });
      return { decision: 'bypassed' };
    }
    if (result.value.outcome === 'claimed') {
      this.metrics.gate.inc({ decision: 'passed' });
      return { decision: 'passed' };
    }
    this.metrics.gate.inc({ decision: 'rejected' });
    return { decision: 'rejected', conflictingSeatIds: result.value.conflicts.map((conflict) => conflict.seatId) };
  }

  /**
   * Claims for `holdId` the first of `blocks` (equal-sized, one section, best first) that is wholly
   * free, in one Redis call: `rejected` names every seat found taken, so the next choice avoids them.
   */
  async claimFirstFree(
    eventId: string,
    blocks: readonly (readonly SeatPlacement[])[],
    holdId: string,
    ttlMs: number,
  ): Promise<BlockGateDecision> {
    const sectionId = blocks[0]?.[0]?.sectionId ?? '';
    const seatIds = blocks.map((block) => block.map((seat) => seat.seatId));
    const result = await this.circuit.run(() => this.gate.claimFirstFree(eventId, sectionId, seatIds, holdId, ttlMs));
    if (!result.ok) {
      this.metrics.gate.inc({ decision: 'bypassed' });
      return { decision: 'bypassed' };
    }
    if (result.value.outcome === 'claimed') {
      this.metrics.gate.inc({ decision: 'passed' });
      return { decision: 'passed', seats: blocks[result.value.blockIndex] ?? [] };
    }
    this.metrics.gate.inc({ decision: 'rejected' });
    return { decision: 'rejected', conflictingSeatIds: result.value.conflicts.map((conflict) => conflict.seatId) };
  }

  /** Gives back gate keys `holdId` owns (after a failed DynamoDB write or a release). */
  async release(eventId: string, seats: readonly SeatPlacement[], holdId: string): Promise<void> {
    await this.eachSection(eventId, seats, (sectionId, seatIds) => this.gate.release(eventId, sectionId, seatIds, holdId));
  }

  /** Keeps sold seats gated for a long time, so later attempts on them never reach DynamoDB. */
  async markSold(eventId: string, seats: readonly SeatPlacement[], holdId: string): Promise<void> {
    await this.eachSection(eventId, seats, (sectionId, seatIds) =>
      this.gate.markSold(eventId, sectionId, seatIds, holdId, this.settings.soldSeatGateTtlMs),
    );
  }

  /** Teaches the gate what DynamoDB just revealed (seats it let through that were taken). */
  async remember(eventId: string, states: readonly SeatState[], now: Date): Promise<void> {
    const taken = states.filter((state) => state.holdId && (state.status === 'SOLD' || state.status === 'HELD'));
    const bySectionId = new Map<string, { seatId: string; owner: string; ttlMs: number }[]>();
    for (const state of taken) {
      const ttlMs =
        state.status === 'SOLD'
          ? this.settings.soldSeatGateTtlMs
          : (state.holdExpiresAt?.getTime() ?? now.getTime()) - now.getTime();
      if (ttlMs <= 0) continue;
      const list = bySectionId.get(state.sectionId) ?? [];
      list.push({ seatId: state.seatId, owner: state.holdId ?? '', ttlMs });
      bySectionId.set(state.sectionId, list);
    }
    await Promise.all(
      [...bySectionId].map(([sectionId, seats]) => this.attempt(() => this.gate.remember(eventId, sectionId, seats))),
    );
  }

  /** Records new statuses in the view; `stamp` orders them against other updates and rebuilds. */
  async updateView(
    eventId: string,
    seats: readonly SeatPlacement[],
    status: SeatStatus,
    holdExpiresAt: Date | undefined,
  ): Promise<void> {
    const stamp = viewStamp();
    await this.eachSection(eventId, seats, (sectionId, seatIds) =>
      this.view.apply(
        eventId,
        sectionId,
        seatIds.map((seatId) => ({ seatId, status, version: stamp, holdExpiresAt })),
      ),
    );
  }

  /** The section's statuses from the view, or undefined when Redis is unavailable or the view is stale. */
  async readView(eventId: string, sectionId: string): Promise<ReadonlyMap<string, ViewedSeat> | undefined> {
    const result = await this.circuit.run(() => this.view.read(eventId, sectionId));
    return result.ok ? result.value : undefined;
  }

  /** Whether Redis is worth asking right now (the circuit is not open). */
  get available(): boolean {
    return this.circuit.state !== 'open';
  }

  /** Refills a section's view from a DynamoDB snapshot read at `snapshotStamp`. */
  async rebuildView(eventId: string, sectionId: string, states: readonly SeatState[], snapshotStamp: number): Promise<void> {
    await this.attempt(() =>
      this.view.rebuild(
        eventId,
        sectionId,
        states.map((state) => ({
          seatId: state.seatId,
          status: state.status,
          version: snapshotStamp,
          holdExpiresAt: state.holdExpiresAt,
        })),
        this.settings.viewTtlMs,
      ),
    );
  }

  private async eachSection(
    eventId: string,
    seats: readonly SeatPlacement[],
    operation: (sectionId: string, seatIds: string[]) => Promise<unknown>,
  ): Promise<void> {
    await Promise.all([...bySection(seats)].map(([sectionId, seatIds]) => this.attempt(() => operation(sectionId, seatIds))));
  }

  private async attempt(operation: () => Promise<unknown>): Promise<void> {
    const result = await this.circuit.run(operation);
    if (!result.ok) this.logger.debug({ reason: result.reason }, 'redis accelerator skipped');
  }
}

let lastStamp = 0;

/** A strictly increasing microsecond stamp for view updates (see the class comment). */
export function viewStamp(): number {
  lastStamp = Math.max(lastStamp + 1, Date.now() * 1_000);
  return lastStamp;
}

function bySection(seats: readonly SeatPlacement[]): Map<string, string[]> {
  const sections = new Map<string, string[]>();
  for (const seat of seats) {
    const list = sections.get(seat.sectionId) ?? [];
    list.push(seat.seatId);
    sections.set(seat.sectionId, list);
  }
  return sections;
}
