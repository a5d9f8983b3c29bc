import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { exhausted } from './closed-loop';
import { OutcomeRecorder, type RecordedCalls } from './outcome-recorder';

/** How an open-loop run is shaped. */
export interface OpenLoopOptions {
  /** Arrivals per second, evenly spaced: call `i` is due at `start + i / ratePerSecond`. */
  readonly ratePerSecond: number;
  /** Calls due during this first stretch run but are not recorded. */
  readonly warmupMs: number;
  /** No call is due after warm-up plus this long; calls in flight finish. */
  readonly durationMs: number;
  /**
   * Calls allowed in flight at once. A call due while this many are outstanding is not sent and is
   * recorded as `client_backlog` (the server is not keeping up with the offered rate), so a stalled
   * service cannot make the generator pile up sockets without bound.
   */
  readonly maxInFlight: number;
  /**
   * One call; `sequence` counts calls from 0, `dueAt` is when it came due (a `performance.now()`
   * value; add `performance.timeOrigin` for epoch ms). Returns the outcome to count it under;
   * throwing counts as `error`.
   */
  readonly operation: (sequence: number, dueAt: number) => Promise<string>;
}

/** What an open-loop run measured, beyond the calls themselves. */
export interface OpenLoopResult extends RecordedCalls {
  /** Calls that came due in the recorded window, per second (what was offered). */
  readonly offeredPerSecond: number;
  /** How late calls were sent after they came due (the generator's own lag), p99 in ms. */
  readonly sendLagP99Ms: number;
}

/**
 * Runs calls at a fixed arrival rate whatever the answers do (an open loop, as independent buyers
 * arrive), and times each call from the moment it was DUE, not from when it was sent: when the
 * server falls behind, queueing shows up in the latencies instead of silently lowering the rate
 * (the "coordinated omission" a closed loop suffers from).
 */
export async function runOpenLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const intervalMs = 1000 / options.ratePerSecond;
  const start = performance.now();
  const recordFrom = start + options.warmupMs;
  const stopAt = recordFrom + options.durationMs;
  const recorder = new OutcomeRecorder();
  const inFlight = new Set<Promise<void>>();
  const sendLags: number[] = [];
  let offered = 0;
  let stop = false;

  const launch = (sequence: number, dueAt: number) => {
    const recorded = dueAt >= recordFrom;
    if (recorded) {
      offered += 1;
      sendLags.push(performance.now() - dueAt);
    }
    if (inFlight.size >= options.maxInFlight) {
      if (recorded) recorder.record('client_backlog', dueAt, performance.now());
      return;
    }
    const call = (async () => {
      let outcome: string;
      try {
        outcome = await options.operation(sequence, dueAt);
      } catch (error) {
        outcome = 'error';
        recorder.noteError(error);
      }
      if (outcome === exhausted) stop = true;
      else if (recorded) recorder.record(outcome, dueAt, performance.now());
    })();
    inFlight.add(call);
    void call.finally(() => inFlight.delete(call));
  };

  for (let sequence = 0; !stop; ) {
    const now = performance.now();
    // Everything due by now goes out at once: a late timer must not lower the offered rate.
    for (let dueAt = start + sequence * intervalMs; dueAt <= now && dueAt < stopAt && !stop; dueAt = start + sequence * intervalMs) {
      launch(sequence, dueAt);
      sequence += 1;
    }
    const nextDue = start + sequence * intervalMs;
    if (nextDue >= stopAt) break;
    await sleep(Math.max(0, Math.min(nextDue - performance.now(), 5)));
  }
  await Promise.all(inFlight);
  recorder.closeWindow();
  const result = recorder.result();
  const lags = Float64Array.from(sendLags).sort();
  const measuredSeconds = options.durationMs / 1000;
  return {
    ...result,
    offeredPerSecond: Math.round((offered / measuredSeconds) * 100) / 100,
    sendLagP99Ms: Math.round((lags[Math.max(0, Math.ceil(lags.length * 0.99) - 1)] ?? 0) * 100) / 100,
  };
}
