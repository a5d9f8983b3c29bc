import { HoldStatus, ReleaseReason, SeatStatus, type Hold, type HoldSeatsRequest } from '@ticketing/inventory-contract';
import { describe, expect, it } from 'vitest';
import type { CallRecord, FollowUp, HoldRecord } from './support/hold-ledger';
import { checkInventoryInvariants, type InvariantInput } from './support/inventory-invariants';
import type { StoredHold, StoredSeat } from './support/inventory-snapshot';

/*
 * The checker that contention.test.ts relies on must be able to fail: each case below breaks one
 * promise in an otherwise consistent store and expects exactly that invariant to report it.
 */

const now = 1_800_000_000_000;
const later = now + 60_000;
const eventId = 'evt_audit';

function storedHold(holdId: string, status: string, seatIds: string[], extra: Partial<StoredHold> = {}): StoredHold {
  return {
    holdId,
    eventId,
    userId: 'user-1',
    status,
    seatIds,
    totalMinor: 1_000 * seatIds.length,
    currency: 'EUR',
    createdAt: now - 1_000,
    expiresAt: later,
    paymentReference: undefined,
    ...extra,
  };
}

function seat(seatId: string, status: string, version: number, holdId?: string, holdExpiresAt?: number): StoredSeat {
  return { seatId, status, version, holdId, holdExpiresAt };
}

function answer(hold: StoredHold, status = HoldStatus.ACTIVE, releaseReason = ReleaseReason.UNSPECIFIED): Hold {
  return {
    holdId: hold.holdId,
    eventId: hold.eventId,
    userId: hold.userId,
    status,
    seats: hold.seatIds.map((seatId) => ({
      seatId,
      sectionId: 'A',
      rowId: 'A',
      number: 1,
      price: { amountMinor: 1_000, currency: 'EUR' },
      status: SeatStatus.HELD,
    })),
    total: { amountMinor: hold.totalMinor, currency: hold.currency },
    createdAt: new Date(hold.createdAt),
    expiresAt: new Date(hold.expiresAt),
    paymentReference: '',
    releaseReason,
  };
}

function ok<T>(value: T): CallRecord<T> {
  return { via: 0, startedAt: now - 2_000, finishedAt: now - 1_000, outcome: { ok: true, value } };
}

function refused(errorCode: string): CallRecord<Hold> {
  return { via: 1, startedAt: now - 2_000, finishedAt: now - 1_000, outcome: { ok: false, grpcCode: 10, errorCode, message: errorCode } };
}

function record(holdId: string, seatIds: string[], followUp: FollowUp, calls: Partial<HoldRecord> = {}): HoldRecord {
  const request: HoldSeatsRequest = {
    holdId,
    eventId,
    userId: 'user-1',
    selection: { $case: 'seatIds', value: { seatIds } },
    ttl: undefined,
  };
  return { holdId, request, followUp, holdCalls: [], commitCalls: [], releaseCalls: [], ...calls };
}

interface AuditState {
  holds: StoredHold[];
  seats: StoredSeat[];
  ledger: HoldRecord[];
  samples: Map<string, number>[];
}

/** A consistent store: one live hold, one sale, one release, one refused request; `tweak` breaks it. */
function audit(tweak?: (state: AuditState) => void) {
  const active = storedHold('h_active', 'ACTIVE', ['A-1']);
  const sold = storedHold('h_sold', 'COMMITTED', ['A-2'], { paymentReference: 'pay_1' });
  const released = storedHold('h_released', 'RELEASED', ['A-3']);
  const state: AuditState = {
    holds: [active, sold, released],
    seats: [seat('A-1', 'HELD', 2, 'h_active', later), seat('A-2', 'SOLD', 3, 'h_sold'), seat('A-3', 'AVAILABLE', 3), seat('A-4', 'AVAILABLE', 1)],
    ledger: [
      record('h_active', ['A-1'], 'expire', { holdCalls: [ok(answer(active))] }),
      record('h_sold', ['A-2'], 'commit', {
        holdCalls: [ok(answer(sold))],
        commitCalls: [{ ...ok(answer(sold, HoldStatus.COMMITTED)), paymentReference: 'pay_1' }],
      }),
      record('h_released', ['A-3'], 'release', {
        holdCalls: [ok(answer(released))],
        releaseCalls: [ok(answer(released, HoldStatus.RELEASED, ReleaseReason.USER_CANCELLED))],
      }),
      record('h_refused', ['A-1', 'A-4'], 'release', { holdCalls: [refused('INVENTORY_CONFLICT')] }),
    ],
    samples: [new Map([['A-1', 1], ['A-2', 1], ['A-3', 1], ['A-4', 1]]), new Map([['A-1', 2], ['A-2', 2], ['A-3', 2], ['A-4', 1]])],
  };
  tweak?.(state);
  const input: InvariantInput = {
    snapshot: {
      seats: new Map(state.seats.map((entry) => [entry.seatId, entry])),
      holds: new Map(state.holds.map((entry) => [entry.holdId, entry])),
      readAt: now,
    },
    ledger: state.ledger,
    versionSamples: state.samples,
  };
  return checkInventoryInvariants(input);
}

const clean = { exclusiveSeats: [], answersMatchStore: [], wholeHolds: [], versionsOnlyGrow: [] };

describe('the inventory invariant checker', () => {
  it('finds nothing wrong with a consistent store', () => {
    expect(audit()).toEqual(clean);
  });

  it('(a) reports a seat claimed by two live holds', () => {
    const violations = audit(({ holds, ledger }) => {
      holds.push(storedHold('h_twin', 'ACTIVE', ['A-1']));
      ledger.push(record('h_twin', ['A-1'], 'expire'));
    });
    expect(violations.exclusiveSeats).toEqual([expect.stringContaining('seat A-1 is claimed by 2 live holds')]);
  });

  it('(a) does not count an expired hold whose seat was taken since', () => {
    const violations = audit(({ holds, seats, ledger }) => {
      holds.push(storedHold('h_old', 'ACTIVE', ['A-1'], { expiresAt: now - 10_000 }));
      ledger.push(record('h_old', ['A-1'], 'expire'));
      seats[0] = seat('A-1', 'HELD', 3, 'h_active', later);
    });
    expect(violations).toEqual(clean);
  });

  it('(b) reports an answer that differs from the stored hold', () => {
    const violations = audit(({ ledger }) => {
      const call = ledger[0]!.holdCalls[0]!;
      if (call.outcome.ok) call.outcome.value.expiresAt = new Date(later + 1);
    });
    expect(violations.answersMatchStore).toEqual([expect.stringContaining('h_active: answered expiresAt')]);
  });

  it('(b) reports a successful commit that did not stick, and a commit nobody made', () => {
    const violations = audit(({ holds }) => {
      holds[1] = { ...holds[1]!, status: 'ACTIVE' };
      holds[0] = { ...holds[0]!, status: 'COMMITTED' };
    });
    expect(violations.answersMatchStore).toEqual([
      expect.stringContaining('h_active is COMMITTED, but no CommitHold for it succeeded'),
      expect.stringContaining('h_sold: CommitHold(pay_1) succeeded, stored ACTIVE'),
    ]);
  });

  it('(c) reports a committed hold whose seat is not sold by it', () => {
    const violations = audit(({ seats }) => {
      seats[1] = seat('A-2', 'AVAILABLE', 4);
    });
    expect(violations.wholeHolds).toEqual([expect.stringContaining('h_sold is COMMITTED, but seat A-2 is AVAILABLE')]);
  });

  it('(c) reports a released hold that still holds a seat, and a record of a refused hold', () => {
    const violations = audit(({ holds, seats }) => {
      seats[2] = seat('A-3', 'HELD', 3, 'h_released', later);
      holds.push(storedHold('h_refused', 'ACTIVE', ['A-4'], { expiresAt: now - 1 }));
    });
    expect(violations.wholeHolds).toEqual([
      expect.stringContaining('h_refused was refused (INVENTORY_CONFLICT), yet its record exists'),
      expect.stringContaining('seat A-3 is HELD by h_released, whose record is RELEASED'),
    ]);
  });

  it('(d) reports a version that went down, or ends below what the holds imply', () => {
    const violations = audit(({ samples, seats }) => {
      samples[1]!.set('A-4', 5);
      seats[0] = seat('A-1', 'HELD', 1, 'h_active', later);
    });
    expect(violations.versionsOnlyGrow).toEqual([
      expect.stringContaining("seat A-1's version went down: 1 → 2 → 1"),
      expect.stringContaining('seat A-1 ends at version 1, below the 2'),
      expect.stringContaining("seat A-4's version went down: 1 → 5 → 1"),
    ]);
  });
});
