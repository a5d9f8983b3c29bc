import type { ProbedBackend } from '../backend-probe';
import type { ScalingFinding, WorkerLevelResult } from './worker-bench-report';
import { round } from '../../shared/numbers';

/** What each sampled process is, for the statement. */
const descriptions: Readonly<Record<string, string>> = {
  worker: 'the reservation worker itself',
  api: 'the reservation API',
  inventory: 'the inventory',
  dynamodb: 'DynamoDB Local',
  'aws-emulator': 'the SQS/EventBridge emulator (moto)',
  redis: 'Redis',
};

const probedBackends: readonly ProbedBackend[] = ['aws-emulator', 'dynamodb', 'redis'];

/** Processes that run their work on one thread (Node's event loop, Python's GIL, Redis); the rest (the JVM) use every core. */
const multiThreaded = new Set(['dynamodb']);

/** A level must beat the one before by this share to count as still growing (each level has at least twice the concurrency of the one before). */
export const minimumGain = 0.25;

/** A backend whose probe answers this many times slower during the drain than idle is queueing its callers. */
export const queueingSlowdown = 3;

/**
 * Where the drain rate stops growing with concurrency and which backend is the limit there. Two
 * kinds of evidence from that level's drain:
 *
 * - queueing: how much slower each shared backend answered a trivial call than while idle
 *   (BackendProbe). A backend {@link queueingSlowdown} times slower or more makes every caller
 *   wait; the slowest such backend is the limit.
 * - CPU: failing that, the process closest to the CPU it can use — a single-threaded process near
 *   100 % of one core cannot go faster, whatever the concurrency above it.
 *
 * When throughput still grows at the highest level, that level is judged (the next limit).
 */
export function findScalingLimit(levels: readonly WorkerLevelResult[], cpus: number): ScalingFinding {
  const steps = levels.map((level, index) => {
    const previous = levels[index - 1];
    const eventsPerSecond = level.drain.eventsPerSecond;
    return {
      concurrency: level.concurrency,
      eventsPerSecond,
      ...(previous && previous.drain.eventsPerSecond > 0
        ? { gainOverPrevious: round(eventsPerSecond / previous.drain.eventsPerSecond - 1, 3) }
        : {}),
    };
  });
  const stall = steps.find((step) => step.gainOverPrevious !== undefined && step.gainOverPrevious < minimumGain);
  const judged = levels.find((level) => level.concurrency === stall?.concurrency) ?? levels.at(-1);
  if (!judged) throw new Error('no level ran');
  const cpu = judged.drain.cpu;
  const busiest = Object.entries(cpu.processPercentOfCore)
    .map(([process, percentOfCore]) => {
      const capacityPercent = multiThreaded.has(process) ? cpus * 100 : 100;
      return { process, percentOfCore, capacityPercent, utilisation: round(percentOfCore / capacityPercent, 3) };
    })
    .sort((a, b) => b.utilisation - a.utilisation);
  const queueing = probedBackends
    .map((backend) => {
      const idleP50Ms = judged.idleBackendProbeMs[backend].p50;
      const drainP50Ms = judged.drain.backendProbeMs[backend].p50;
      return { backend, idleP50Ms, drainP50Ms, slowdown: idleP50Ms > 0 ? round(drainP50Ms / idleP50Ms, 2) : 0 };
    })
    .sort((a, b) => b.slowdown - a.slowdown);
  const queued = queueing[0] && queueing[0].slowdown >= queueingSlowdown ? queueing[0] : undefined;
  const limit = queued?.backend ?? busiest[0]?.process ?? 'unknown';

  const growth = steps
    .slice(1)
    .map((step) => `${step.concurrency} ${formatGain(step.gainOverPrevious)}`)
    .join(', ');
  const where = stall
    ? `Throughput stops growing at concurrency ${stall.concurrency} (${growth} over the level before)`
    : `Throughput still grows up to concurrency ${judged.concurrency} (${growth} over the level before)`;
  const cpuOf = (process: string) => {
    const entry = busiest.find((candidate) => candidate.process === process);
    if (!entry) return 'its CPU could not be sampled';
    return (
      `it ran at ${entry.percentOfCore.toFixed(0)} % of one core` +
      (multiThreaded.has(process) ? ` (of ${entry.capacityPercent} % it could use)` : ' (one thread: its ceiling is 100 %)')
    );
  };
  const evidence = queued
    ? `${describe(limit)} answered a trivial call in ${queued.drainP50Ms.toFixed(1)} ms instead of ${queued.idleP50Ms.toFixed(1)} ms idle ` +
      `(×${queued.slowdown.toFixed(1)}: every caller queues for it) and ${cpuOf(limit)}`
    : `no backend queued its callers (probe slowdowns ${queueing.map((entry) => `${entry.backend} ×${entry.slowdown.toFixed(1)}`).join(', ')}); ` +
      `the busiest process was ${describe(limit)}: ${cpuOf(limit)}`;
  const machine =
    cpu.machineBusyPercent >= 90
      ? `; the machine's ${cpus} cores were ${cpu.machineBusyPercent.toFixed(0)} % busy, so every process also waited for CPU`
      : `; the machine was ${cpu.machineBusyPercent.toFixed(0)} % busy`;
  return {
    method:
      `drain rate per level; a level that gains less than ${minimumGain * 100} % over the one before has stopped growing; at that level ` +
      `(else the highest) the limit is the backend whose trivial calls answered ${queueingSlowdown}× slower or more than idle (the slowest), ` +
      'else the process closest to the CPU it can use',
    steps,
    ...(stall ? { stopsGrowingAt: stall.concurrency } : {}),
    minimumGain,
    judgedAtConcurrency: judged.concurrency,
    queueing,
    busiest,
    machineBusyPercent: cpu.machineBusyPercent,
    limit,
    statement: `${where}; there ${evidence}${machine}. Limit: ${limit}.`,
  };
}

function describe(process: string): string {
  return descriptions[process] ?? process;
}

function formatGain(gain: number | undefined): string {
  if (gain === undefined) return '';
  return `${gain >= 0 ? '+' : ''}${(gain * 100).toFixed(0)} %`;
}
