import { performance } from 'node:perf_hooks';
import { CpuSampler, type CpuUse } from './process-cpu';

type CpuSnapshot = ReturnType<CpuSampler['snapshot']>;

/**
 * CPU snapshots of a few processes taken every `intervalMs` while it runs, so the CPU use of a
 * window known only afterwards — e.g. "from the 50th event handled to the last", read off a log —
 * can be cut out of it. Each snapshot reads a handful of /proc files (well under a millisecond).
 *
 * @example
 * const timeline = new CpuTimeline({ worker: worker.pid, api: api.pid });
 * timeline.start();
 * // … the phase runs …
 * timeline.stop();
 * const use = timeline.between(firstHandledAtMs, lastHandledAtMs);
 */
export class CpuTimeline {
  private readonly sampler: CpuSampler;
  private readonly snapshots: CpuSnapshot[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    pids: Readonly<Record<string, number>>,
    private readonly intervalMs = 200,
  ) {
    this.sampler = new CpuSampler(pids);
  }

  start(): void {
    this.snapshots.push(this.sampler.snapshot());
    this.timer ??= setInterval(() => this.snapshots.push(this.sampler.snapshot()), this.intervalMs);
  }

  /** Takes a last snapshot and stops sampling. */
  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.snapshots.push(this.sampler.snapshot());
  }

  /**
   * CPU use over the shortest recorded stretch that covers the epoch-ms window `fromMs`–`toMs`: from
   * the last snapshot at or before `fromMs` to the first one at or after `toMs` (the recording's
   * ends where the window reaches past them). At most one interval longer on each side than the
   * window, never shorter, so a short window still spans at least one interval.
   */
  between(fromMs: number, toMs: number): CpuUse {
    const epoch = (snapshot: CpuSnapshot) => performance.timeOrigin + snapshot.at;
    const first = this.snapshots.findLast((snapshot) => epoch(snapshot) <= fromMs) ?? this.snapshots[0];
    const last = this.snapshots.find((snapshot) => epoch(snapshot) >= toMs) ?? this.snapshots.at(-1);
    if (!first || !last) throw new Error('the CPU timeline holds no snapshots; start() it first');
    return CpuSampler.between(first, last);
  }
}
