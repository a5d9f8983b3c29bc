import { summariseLatencies, type LatencySummary } from './latency-summary';

/** How many calls ended one way, how fast they came, and how long they took. */
export interface CallStats {
  readonly count: number;
  readonly perSecond: number;
  readonly latencyMs: LatencySummary;
}

/** Recorded calls by outcome (`ok`, `held`, `inventory_conflict`, `error`, …). */
export interface RecordedCalls {
  /** Recorded time: from the first recorded call's start to the last one's end, summed over windows; seconds. */
  readonly measuredSeconds: number;
  readonly outcomes: Readonly<Record<string, CallStats>>;
  /** The first few error messages: load that silently fails is not load. */
  readonly sampleErrors: readonly string[];
}

/**
 * Collects call latencies by outcome, and the time they span. Calls are recorded in windows (one
 * per closed-loop run); {@link absorb} merges another recorder's windows, so interleaved runs of
 * the same kind add up to one result.
 */
export class OutcomeRecorder {
  private readonly samples = new Map<string, number[]>();
  private readonly errors: string[] = [];
  private closedSeconds = 0;
  private windowStart = Number.POSITIVE_INFINITY;
  private windowEnd = Number.NEGATIVE_INFINITY;

  /** Records one call that ran from `startMs` to `endMs` (performance.now() values). */
  record(outcome: string, startMs: number, endMs: number): void {
    const list = this.samples.get(outcome) ?? [];
    list.push(endMs - startMs);
    this.samples.set(outcome, list);
    this.windowStart = Math.min(this.windowStart, startMs);
    this.windowEnd = Math.max(this.windowEnd, endMs);
  }

  /** Keeps the message of an error, up to a handful. */
  noteError(error: unknown): void {
    if (this.errors.length < 5) this.errors.push(error instanceof Error ? error.message : String(error));
  }

  /** Ends the current window: its span counts towards `measuredSeconds`. */
  closeWindow(): void {
    if (this.windowEnd > this.windowStart) this.closedSeconds += (this.windowEnd - this.windowStart) / 1000;
    this.windowStart = Number.POSITIVE_INFINITY;
    this.windowEnd = Number.NEGATIVE_INFINITY;
  }

  /** Adds another recorder's calls and (closed) windows to this one. */
  absorb(other: OutcomeRecorder): void {
    other.closeWindow();
    this.closeWindow();
    for (const [outcome, latencies] of other.samples) this.samples.set(outcome, [...(this.samples.get(outcome) ?? []), ...latencies]);
    for (const error of other.errors) this.noteError(error);
    this.closedSeconds += other.closedSeconds;
  }

  result(): RecordedCalls {
    this.closeWindow();
    const measuredSeconds = this.closedSeconds;
    const outcomes: Record<string, CallStats> = {};
    for (const [outcome, latencies] of this.samples) {
      outcomes[outcome] = {
        count: latencies.length,
        perSecond: measuredSeconds === 0 ? 0 : round(latencies.length / measuredSeconds),
        latencyMs: summariseLatencies(latencies),
      };
    }
    return { measuredSeconds: round(measuredSeconds), outcomes, sampleErrors: [...this.errors] };
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
