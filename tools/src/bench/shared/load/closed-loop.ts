import { performance } from 'node:perf_hooks';
import { OutcomeRecorder, type RecordedCalls } from './outcome-recorder';

/** The outcome an operation returns when it has no more work (e.g. no free seats left): its worker stops. */
export const exhausted = 'exhausted';

/** How a closed-loop run is bounded. */
export interface ClosedLoopOptions {
  /** Virtual clients, each issuing its next call as soon as the previous one answered. */
  readonly concurrency: number;
  /** Calls started during this first stretch run but are not recorded (connections, JIT, caches). */
  readonly warmupMs: number;
  /** No call starts after warm-up plus this long; calls in flight finish. */
  readonly durationMs: number;
  /** Optional cap on recorded calls; the run ends early when it is reached. */
  readonly maxCalls?: number;
  /**
   * One call. `worker` is the virtual client's index, `sequence` counts its calls. Returns the
   * outcome to count it under (`held`, `rejected`, …); throwing counts as `error`.
   */
  readonly operation: (worker: number, sequence: number) => Promise<string>;
}

/**
 * Runs `concurrency` virtual clients in a closed loop (each waits for its answer before its next
 * call, like a pool of API request handlers blocked on inventory) for a bounded time, and reports
 * throughput and latency of the recorded window by outcome.
 */
export async function runClosedLoop(options: ClosedLoopOptions): Promise<RecordedCalls> {
  return (await recordClosedLoop(options)).result();
}

/** {@link runClosedLoop}, returning the recorder itself (one closed window) to merge with others. */
export async function recordClosedLoop(options: ClosedLoopOptions): Promise<OutcomeRecorder> {
  const recordFrom = performance.now() + options.warmupMs;
  const stopAt = recordFrom + options.durationMs;
  const recorder = new OutcomeRecorder();
  let started = 0;

  const worker = async (index: number) => {
    for (let sequence = 0; ; sequence += 1) {
      const begin = performance.now();
      if (begin >= stopAt) return;
      if (begin >= recordFrom && options.maxCalls !== undefined && started >= options.maxCalls) return;
      if (begin >= recordFrom) started += 1;
      let outcome: string;
      try {
        outcome = await options.operation(index, sequence);
      } catch (error) {
        outcome = 'error';
        recorder.noteError(error);
      }
      if (outcome === exhausted) return;
      if (begin >= recordFrom) recorder.record(outcome, begin, performance.now());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
  recorder.closeWindow();
  return recorder;
}
