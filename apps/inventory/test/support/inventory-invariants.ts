import { HoldStatus, ReleaseReason, type Hold } from '@ticketing/inventory-contract';
import { definitiveHoldFailures, failureCode, heldResponses, type HoldRecord } from './hold-ledger';
import type { InventorySnapshot, StoredHold } from './inventory-snapshot';

/** What the checker looks at: the tables after the run, what the clients saw, and seat versions seen during it. */
export interface InvariantInput {
  readonly snapshot: InventorySnapshot;
  readonly ledger: readonly HoldRecord[];
  /** Every seat's version, sampled several times during the run, oldest first. */
  readonly versionSamples: readonly ReadonlyMap<string, number>[];
}

/** Violations per invariant; every list is empty when the inventory kept its promises. */
export interface InvariantViolations {
  /** (a) No seat is held (live) or sold by two holds. */
  readonly exclusiveSeats: readonly string[];
  /** (b) Every successful answer matches DynamoDB, and so do the commits and releases that followed. */
  readonly answersMatchStore: readonly string[];
  /** (c) No hold is partly applied, and failed holds left nothing behind. */
  readonly wholeHolds: readonly string[];
  /** (d) A seat's version only grows. */
  readonly versionsOnlyGrow: readonly string[];
}

/** Violations listed per invariant before the rest are only counted, so a failure stays readable. */
const listedViolations = 25;

/**
 * Checks the inventory's promises (DESIGN.md "The hold path") against DynamoDB read directly.
 * A pure function of its input, so `inventory-invariants.test.ts` can prove that each check fails
 * on a broken store.
 *
 * A hold is live when it is COMMITTED, or ACTIVE with `expires_at >= snapshot.readAt` (a hold
 * expires strictly after its `expires_at`, as the seat conditions judge it). Calls that failed in
 * transport (no catalogue code) have unknown effects and prove nothing either way.
 */
export function checkInventoryInvariants(input: InvariantInput): InvariantViolations {
  return {
    exclusiveSeats: capped(exclusiveSeats(input.snapshot)),
    answersMatchStore: capped(answersMatchStore(input.snapshot, input.ledger)),
    wholeHolds: capped(wholeHolds(input.snapshot, input.ledger)),
    versionsOnlyGrow: capped(versionsOnlyGrow(input.snapshot, input.versionSamples)),
  };
}

function isLive(hold: StoredHold, at: number): boolean {
  return hold.status === 'COMMITTED' || (hold.status === 'ACTIVE' && hold.expiresAt >= at);
}

function exclusiveSeats(snapshot: InventorySnapshot): string[] {
  const claimants = new Map<string, string[]>();
  for (const hold of snapshot.holds.values()) {
    if (!isLive(hold, snapshot.readAt)) continue;
    for (const seatId of hold.seatIds) claimants.set(seatId, [...(claimants.get(seatId) ?? []), `${hold.holdId} (${hold.status})`]);
  }
  return [...claimants]
    .filter(([, holds]) => holds.length > 1)
    .map(([seatId, holds]) => `seat ${seatId} is claimed by ${holds.length} live holds: ${holds.join(', ')}`);
}

function answersMatchStore(snapshot: InventorySnapshot, ledger: readonly HoldRecord[]): string[] {
  const violations: string[] = [];
  for (const record of ledger) {
    const answers = heldResponses(record);
    const stored = snapshot.holds.get(record.holdId);
    if (answers.length > 0 && !stored) {
      violations.push(`HoldSeats answered hold ${record.holdId}, but DynamoDB has no record of it`);
      continue;
    }
    for (const answer of answers) violations.push(...answerMismatches(record, answer, stored as StoredHold));
    if (stored) violations.push(...lifecycleMismatches(record, stored));
  }
  return violations;
}

function answerMismatches(record: HoldRecord, answer: Hold, stored: StoredHold): string[] {
  const problems: string[] = [];
  const answeredSeatIds = answer.seats.map((seat) => seat.seatId);
  const expect = (what: string, answered: unknown, actual: unknown) => {
    if (JSON.stringify(answered) !== JSON.stringify(actual)) {
      problems.push(`hold ${record.holdId}: answered ${what} ${JSON.stringify(answered)}, stored ${JSON.stringify(actual)}`);
    }
  };
  expect('hold id', answer.holdId, stored.holdId);
  expect('event', answer.eventId, stored.eventId);
  expect('user', answer.userId, stored.userId);
  expect('seats', sorted(answeredSeatIds), sorted(stored.seatIds));
  expect('expiresAt', answer.expiresAt?.getTime(), stored.expiresAt);
  expect('createdAt', answer.createdAt?.getTime(), stored.createdAt);
  expect('total', [answer.total?.amountMinor, answer.total?.currency], [stored.totalMinor, stored.currency]);
  expect('total (sum of seat prices)', answer.total?.amountMinor, answer.seats.reduce((sum, seat) => sum + (seat.price?.amountMinor ?? NaN), 0));
  expect('event (as requested)', answer.eventId, record.request.eventId);
  expect('user (as requested)', answer.userId, record.request.userId);
  // A repeat answered after the hold's expiry reports its effective status, EXPIRED, while the
  // record stays ACTIVE until the sweeper visits it; anything else must be ACTIVE.
  const answeredExpired = answer.status === HoldStatus.EXPIRED && stored.expiresAt <= Date.now();
  if (!answeredExpired) expect('status', HoldStatus[answer.status], HoldStatus[HoldStatus.ACTIVE]);
  const selection = record.request.selection;
  if (selection?.$case === 'seatIds') expect('seats (as requested)', sorted(answeredSeatIds), sorted(selection.value.seatIds));
  if (selection?.$case === 'bestAvailable') expect('seat count (as requested)', answeredSeatIds.length, selection.value.quantity);
  return problems;
}

function lifecycleMismatches(record: HoldRecord, stored: StoredHold): string[] {
  const problems: string[] = [];
  const committed = record.commitCalls.find((call) => call.outcome.ok);
  const commitUnknown = record.commitCalls.some((call) => !call.outcome.ok && call.outcome.errorCode === undefined);
  if (committed) {
    if (stored.status !== 'COMMITTED' || stored.paymentReference !== committed.paymentReference) {
      problems.push(
        `hold ${record.holdId}: CommitHold(${committed.paymentReference}) succeeded, stored ${stored.status} with payment reference ${String(stored.paymentReference)}`,
      );
    }
    if (record.followUp === 'late-commit') problems.push(`hold ${record.holdId}: CommitHold after expiry succeeded`);
  } else if (!commitUnknown && stored.status === 'COMMITTED') {
    problems.push(`hold ${record.holdId} is COMMITTED, but no CommitHold for it succeeded`);
  }

  const released = record.releaseCalls.find((call) => call.outcome.ok);
  const releaseUnknown = record.releaseCalls.some((call) => !call.outcome.ok && call.outcome.errorCode === undefined);
  if (released && released.outcome.ok) {
    const answered = HoldStatus[released.outcome.value.status];
    if (stored.status !== answered) problems.push(`hold ${record.holdId}: ReleaseHold answered ${answered}, stored ${stored.status}`);
    if (released.outcome.value.releaseReason !== ReleaseReason.USER_CANCELLED && answered === 'RELEASED') {
      problems.push(`hold ${record.holdId}: released without the reason it was released for`);
    }
  } else if (!releaseUnknown && stored.status === 'RELEASED') {
    problems.push(`hold ${record.holdId} is RELEASED, but no ReleaseHold for it succeeded`);
  }
  return problems;
}

function wholeHolds(snapshot: InventorySnapshot, ledger: readonly HoldRecord[]): string[] {
  const violations: string[] = [];
  const requested = new Map(ledger.map((record) => [record.holdId, record]));
  for (const hold of snapshot.holds.values()) {
    const record = requested.get(hold.holdId);
    if (!record) violations.push(`hold record ${hold.holdId} exists, but nobody asked for it`);
    else if (record.holdCalls.length > 0 && record.holdCalls.every((call) => definitiveHoldFailures.has(failureCode(call) ?? ''))) {
      const codes = record.holdCalls.map(failureCode).join(', ');
      violations.push(`hold ${hold.holdId} was refused (${codes}), yet its record exists (${hold.status})`);
    }
    if (new Set(hold.seatIds).size !== hold.seatIds.length || hold.seatIds.length === 0) {
      violations.push(`hold ${hold.holdId} lists seats ${JSON.stringify(hold.seatIds)}`);
    }
    for (const seatId of hold.seatIds) {
      const seat = snapshot.seats.get(seatId);
      const state = seat ? `${seat.status} by ${String(seat.holdId)}` : 'missing';
      if (hold.status === 'COMMITTED' && (seat?.status !== 'SOLD' || seat.holdId !== hold.holdId)) {
        violations.push(`hold ${hold.holdId} is COMMITTED, but seat ${seatId} is ${state}`);
      }
      if (hold.status === 'ACTIVE' && hold.expiresAt >= snapshot.readAt) {
        if (seat?.status !== 'HELD' || seat.holdId !== hold.holdId || seat.holdExpiresAt !== hold.expiresAt) {
          violations.push(`hold ${hold.holdId} is ACTIVE until ${hold.expiresAt}, but seat ${seatId} is ${state} until ${String(seat?.holdExpiresAt)}`);
        }
      }
    }
  }
  for (const seat of snapshot.seats.values()) {
    const owner = seat.holdId === undefined ? undefined : snapshot.holds.get(seat.holdId);
    const where = `seat ${seat.seatId} is ${seat.status} by ${String(seat.holdId)}`;
    if (seat.status === 'AVAILABLE' && seat.holdId !== undefined) violations.push(`${where}: an available seat names a hold`);
    if (seat.status !== 'HELD' && seat.status !== 'SOLD') continue;
    if (!owner) violations.push(`${where}, which has no hold record`);
    else if (!owner.seatIds.includes(seat.seatId)) violations.push(`${where}, whose record does not list it`);
    else if (seat.status === 'SOLD' && owner.status !== 'COMMITTED') violations.push(`${where}, whose record is ${owner.status}`);
    else if (seat.status === 'HELD' && owner.status !== 'ACTIVE') violations.push(`${where}, whose record is ${owner.status}`);
    else if (seat.status === 'HELD' && seat.holdExpiresAt !== owner.expiresAt) {
      violations.push(`${where} until ${String(seat.holdExpiresAt)}, but the hold expires at ${owner.expiresAt}`);
    }
  }
  return violations;
}

function versionsOnlyGrow(snapshot: InventorySnapshot, samples: readonly ReadonlyMap<string, number>[]): string[] {
  const violations: string[] = [];
  // Every hold that took a seat raised its version once, and every commit once more.
  const floor = new Map<string, number>();
  for (const hold of snapshot.holds.values()) {
    for (const seatId of hold.seatIds) floor.set(seatId, (floor.get(seatId) ?? 1) + (hold.status === 'COMMITTED' ? 2 : 1));
  }
  for (const seat of snapshot.seats.values()) {
    const seen = samples.map((sample) => sample.get(seat.seatId));
    const missing = seen.findIndex((version) => version === undefined);
    if (missing >= 0) violations.push(`seat ${seat.seatId} was missing from version sample ${missing}`);
    const series = [...seen.filter((version): version is number => version !== undefined), seat.version];
    const drop = series.findIndex((version, index) => index > 0 && version < (series[index - 1] as number));
    if (drop > 0) violations.push(`seat ${seat.seatId}'s version went down: ${series.join(' → ')}`);
    if (!(seat.version >= 1)) violations.push(`seat ${seat.seatId} ends at version ${seat.version}`);
    if (seat.version < (floor.get(seat.seatId) ?? 1)) {
      violations.push(`seat ${seat.seatId} ends at version ${seat.version}, below the ${floor.get(seat.seatId)} its holds and commits imply`);
    }
  }
  return violations;
}

function sorted(values: readonly string[]): string[] {
  return [...values].sort();
}

function capped(violations: string[]): string[] {
  if (violations.length <= listedViolations) return violations;
  return [...violations.slice(0, listedViolations), `… and ${violations.length - listedViolations} more`];
}
