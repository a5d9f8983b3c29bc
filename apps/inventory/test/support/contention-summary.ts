import { failureCode, heldResponses, type CallRecord, type FollowUp, type HoldRecord } from './hold-ledger';

/** The stretch of the run during which Redis was down (epoch ms). */
export interface OutageWindow {
  readonly stoppedAt: number;
  readonly restartingAt: number;
}

/** Counts of what the virtual clients did and got. */
export interface ContentionSummary {
  /** Hold ids tried (each once, some repeated: see `holdCalls`). */
  readonly holdAttempts: number;
  readonly holdCalls: number;
  /** Hold ids that got a hold. */
  readonly held: number;
  /** Hold ids refused with INVENTORY_CONFLICT. */
  readonly conflicts: number;
  /** Successful HoldSeats calls per process. */
  readonly heldPerProcess: readonly number[];
  /** Holds committed / released by the clients. */
  readonly commits: number;
  readonly releases: number;
  /** Holds left to expire, and late payments refused. */
  readonly leftToExpire: number;
  readonly lateCommitsRefused: number;
  /** Repeated HoldSeats calls (same hold id) that returned the hold. */
  readonly replays: number;
  /**
   * Repeats of an existing seat-id hold that the Redis gate refused (INVENTORY_CONFLICT): a stale
   * gate key of a competitor whose release was skipped (Redis slow or down) outlives its claim,
   * DESIGN.md's accepted "false taken for at most its TTL" — which here hits the hold's own
   * retry. DynamoDB never answers a repeat so (it finds the hold first). Counted, not failed.
   */
  readonly repeatsRefusedByGate: number;
  /** HoldSeats calls made entirely while Redis was down. */
  readonly outage: { readonly holdCalls: number; readonly held: number; readonly conflicts: number };
  /** Every failed call by catalogue code (`transport` when there is none). */
  readonly failuresByCode: Readonly<Record<string, number>>;
  /** Failures the scenario does not allow (capped list). */
  readonly unexpectedFailures: readonly string[];
}

/**
 * Failures a scenario may meet besides plain success. INVENTORY_CONTENDED is retryable by contract
 * (clients retry commits and releases on it). HOLD_CONFLICT is what a duplicate racing the original
 * gets while the original's transaction is still in flight: no hold exists yet to replay.
 */
const allowedFailures: Record<'hold' | 'commit' | 'release', Partial<Record<FollowUp, readonly string[]>> & { all: readonly string[] }> = {
  hold: { all: ['INVENTORY_CONFLICT', 'INVENTORY_CONTENDED'], 'concurrent-retry': ['HOLD_CONFLICT'] },
  commit: { all: ['INVENTORY_CONTENDED'], 'late-commit': ['HOLD_EXPIRED'] },
  release: { all: ['INVENTORY_CONTENDED'] },
};

/** Counts the ledger; `outage` tells which calls ran while Redis was down. */
export function summarizeLedger(ledger: readonly HoldRecord[], outage: OutageWindow): ContentionSummary {
  const failuresByCode: Record<string, number> = {};
  const unexpectedFailures: string[] = [];
  const heldPerProcess: number[] = [];
  const judge = (kind: keyof typeof allowedFailures, record: HoldRecord, call: CallRecord<unknown>) => {
    if (call.outcome.ok) return;
    const code = failureCode(call) ?? 'transport';
    failuresByCode[code] = (failuresByCode[code] ?? 0) + 1;
    const allowed = [...allowedFailures[kind].all, ...(allowedFailures[kind][record.followUp] ?? [])];
    if (!allowed.includes(code) && unexpectedFailures.length < 25) {
      unexpectedFailures.push(`${kind} of ${record.holdId} (${record.followUp}) via ${call.via}: ${code} ${call.outcome.message}`);
    }
  };
  let conflicts = 0;
  let repeatsRefusedByGate = 0;
  const inOutage = { holdCalls: 0, held: 0, conflicts: 0 };
  for (const record of ledger) {
    for (const call of record.holdCalls) {
      judge('hold', record, call);
      if (call.outcome.ok) heldPerProcess[call.via] = (heldPerProcess[call.via] ?? 0) + 1;
      if (call.startedAt >= outage.stoppedAt && call.finishedAt <= outage.restartingAt) {
        inOutage.holdCalls += 1;
        if (call.outcome.ok) inOutage.held += 1;
        if (failureCode(call) === 'INVENTORY_CONFLICT') inOutage.conflicts += 1;
      }
    }
    if (record.followUp === 'retry' && record.holdCalls[0]?.outcome.ok) {
      for (const repeat of record.holdCalls.slice(1)) {
        const code = failureCode(repeat);
        if (code === 'INVENTORY_CONFLICT' && record.request.selection?.$case === 'seatIds') repeatsRefusedByGate += 1;
        else if (!repeat.outcome.ok && unexpectedFailures.length < 25) {
          // Best-available repeats too: the service looks the hold up before it reports a conflict.
          unexpectedFailures.push(`repeat of existing hold ${record.holdId} via ${repeat.via}: ${code ?? 'transport'} ${repeat.outcome.message}`);
        }
      }
    }
    for (const call of record.commitCalls) judge('commit', record, call);
    for (const call of record.releaseCalls) judge('release', record, call);
    if (record.holdCalls.some((call) => failureCode(call) === 'INVENTORY_CONFLICT') && heldResponses(record).length === 0) conflicts += 1;
  }
  const held = ledger.filter((record) => heldResponses(record).length > 0);
  return {
    holdAttempts: ledger.length,
    holdCalls: ledger.reduce((sum, record) => sum + record.holdCalls.length, 0),
    held: held.length,
    conflicts,
    heldPerProcess: [0, 1].map((via) => heldPerProcess[via] ?? 0),
    commits: held.filter((record) => record.commitCalls.some((call) => call.outcome.ok)).length,
    releases: held.filter((record) => record.releaseCalls.some((call) => call.outcome.ok)).length,
    leftToExpire: held.filter((record) => record.followUp === 'expire').length,
    lateCommitsRefused: held.filter((record) => record.followUp === 'late-commit' && record.commitCalls.every((call) => failureCode(call) === 'HOLD_EXPIRED')).length,
    replays: held.reduce((sum, record) => sum + Math.max(0, heldResponses(record).length - 1), 0),
    repeatsRefusedByGate,
    outage: inOutage,
    failuresByCode,
    unexpectedFailures,
  };
}
