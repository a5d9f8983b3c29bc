import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createAwsClients, findExistingResources } from '@ticketing/aws';
import { createRedisClient, whenRedisReady } from '@ticketing/redis';
import { localStandIns } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkerBenchReport } from '../src/bench/worker/report/worker-bench-report';
import { runQuickBench } from './support/quick-bench';

/*
 * Runs `npm run bench:worker -- --quick` for real (stand-ins, the inventory, the reservation API and
 * a worker per level as processes, load generators) and checks the report's shape and sanity. No
 * timing thresholds: the box is shared and small, so only "measured something, correctly, and
 * cleaned up" is asserted.
 */
describe('bench:worker --quick', () => {
  let outDir: string;
  let stdout: string;
  let report: WorkerBenchReport;

  beforeAll(async () => {
    ({ outDir, stdout, report } = await runQuickBench<WorkerBenchReport>('worker'));
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('writes a timestamped report and the latest one, identical', async () => {
    const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
    const stamped = await readFile(join(outDir, `worker-quick-${stamp}.json`), 'utf8');
    expect(JSON.parse(stamped)).toEqual(report);
    expect(report).toMatchObject({ schemaVersion: 1, benchmark: 'reservation-worker', mode: 'quick' });
    expect(Date.parse(report.finishedAt)).toBeGreaterThan(Date.parse(report.startedAt));
    for (const options of [report.settings.workerNodeOptions, report.settings.apiNodeOptions, report.settings.inventoryNodeOptions]) {
      expect(options).toBe('--max-old-space-size=128 --max-semi-space-size=4');
    }
    expect(report.settings.workerEntry).toBe('dist/apps/reservation-worker/main.mjs');
  });

  it('runs WORKER_CONCURRENCY 1, 10 and 50, each on a stack of its own', () => {
    expect(report.settings.levels).toEqual([1, 10, 50]);
    expect(report.levels.map((level) => level.concurrency)).toEqual([1, 10, 50]);
    expect(new Set(report.levels.map((level) => level.prefix)).size).toBe(3);
    expect(new Set(report.levels.map((level) => level.worker.pid)).size).toBe(3);
  });

  it('drains a backlog at each level: every event confirmed, the rate counted after the warm-up', () => {
    for (const level of report.levels) {
      const { drain } = level;
      const name = `c=${level.concurrency}`;
      expect(drain.missing, name).toBe(0);
      expect(drain.measuredEvents, name).toBe(drain.backlogEvents - drain.warmupEvents);
      expect(drain.results, name).toEqual({ confirmed: drain.backlogEvents });
      expect(drain.windowSeconds, name).toBeGreaterThan(0);
      expect(drain.eventsPerSecond, name).toBeCloseTo(drain.measuredEvents / drain.windowSeconds, 0);
      expect(drain.fromStartEventsPerSecond, name).toBeGreaterThan(0);
      expect(drain.averageInFlight, name).toBeCloseTo((drain.eventsPerSecond * drain.serverSide.workerHandler.meanMs) / 1000, 0);
      // The worker confirmed each through the API, which committed each hold in the inventory.
      expect(drain.serverSide.workerOutcomes['handled'], name).toBe(drain.backlogEvents);
      expect(drain.serverSide.apiPayment.count, name).toBeGreaterThanOrEqual(drain.backlogEvents);
      expect(drain.serverSide.inventoryCommit.count, name).toBeGreaterThanOrEqual(drain.backlogEvents);
      expect(drain.cpu.processPercentOfCore['worker'], name).toBeGreaterThan(0);
      expect(drain.cpu.processPercentOfCore['api'], name).toBeGreaterThan(0);
    }
  });

  it('times publish → final state in an open loop at half the drain rate', () => {
    for (const level of report.levels) {
      const { latency } = level;
      const name = `c=${level.concurrency}`;
      expect(latency.fractionOfThroughput, name).toBe(0.5);
      expect(latency.targetRatePerSecond, name).toBeCloseTo(Math.max(1, level.drain.eventsPerSecond * 0.5), 0);
      expect(latency.published, name).toBeGreaterThan(0);
      expect(latency.missing, name).toBe(0);
      expect(latency.handled, name).toBe(latency.published);
      expect(latency.publishOutcomes, name).toEqual({ published: latency.published });
      expect(latency.results, name).toEqual({ confirmed: latency.handled });
      expect(latency.latencyMs.count, name).toBe(latency.handled);
      expectOrderedPercentiles(latency.latencyMs);
      expect(latency.putEventsMs.count, name).toBe(latency.published);
    }
  });

  it('reads every reservation back CONFIRMED, and the worker dead-lettered nothing', () => {
    for (const level of report.levels) {
      const name = `c=${level.concurrency}`;
      expect(level.verification.checked, name).toBe(level.setup.reservationsCreated);
      expect(level.verification.checked, name).toBe(level.drain.backlogEvents + level.latency.published);
      expect(level.verification.statuses, name).toEqual({ CONFIRMED: level.verification.checked });
      expect(level.verification.notConfirmedSample, name).toEqual([]);
      expect(level.worker.deadLetters, name).toEqual({});
      // Only payments reached the worker: no reservation.expired, nothing unparsable.
      for (const key of Object.keys(level.worker.events)) expect(key, name).toMatch(/^payment\.approved /);
    }
  });

  it("measures the worker's memory and stops it cleanly", () => {
    for (const level of report.levels) {
      const name = `c=${level.concurrency}`;
      expect(level.worker.peakRssMb, name).toBeGreaterThan(0);
      for (const rss of Object.values(level.worker.rssMbAfter)) expect(level.worker.peakRssMb, name).toBeGreaterThanOrEqual(rss);
      expect(level.worker.exitCode, name).toBe(0);
    }
    expect(report.workerPeakRssMb).toBe(Math.max(...report.levels.map((level) => level.worker.peakRssMb)));
  });

  it('names where throughput stops growing and the busiest backend there', () => {
    const { scaling } = report;
    expect(scaling.steps.map((step) => step.concurrency)).toEqual([1, 10, 50]);
    expect(scaling.steps.map((step) => step.eventsPerSecond)).toEqual(report.levels.map((level) => level.drain.eventsPerSecond));
    expect(report.levels.map((level) => level.concurrency)).toContain(scaling.judgedAtConcurrency);
    expect(scaling.busiest.length).toBeGreaterThan(0);
    expect(scaling.queueing.map((entry) => entry.backend).sort()).toEqual(['aws-emulator', 'dynamodb', 'redis']);
    // The backend that queued its callers most (3× slower than idle or more), else the busiest process.
    const [slowest] = scaling.queueing;
    expect(scaling.limit).toBe(slowest && slowest.slowdown >= 3 ? slowest.backend : scaling.busiest[0]?.process);
    expect(stdout).toContain(`Scaling: ${scaling.statement}`);
  });

  it('judges the target and prints its verdict', () => {
    expect(report.targets.map((target) => target.id)).toEqual(['publish-to-final-p95-at-concurrency-10']);
    const [target] = report.targets;
    expect(target?.measured).toBe(report.levels.find((level) => level.concurrency === 10)?.latency.latencyMs.p95);
    expect(target?.pass).toBe((target?.measured ?? Number.POSITIVE_INFINITY) <= 1_000);
    expect(report.allTargetsMet).toBe(target?.pass);
    expect(stdout.match(/^ {2}(PASS|MISS) {2}/gm)).toHaveLength(1);
    expect(stdout).toContain(join(outDir, 'worker-quick-latest.json'));
  });

  it('stops every service and removes its tables, queues, bus, rules and Redis keys', async () => {
    for (const level of report.levels) {
      for (const pid of [level.worker.pid, level.api.pid, level.inventory.pid]) {
        expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
      }
    }
    const aws = createAwsClients(localStandIns.aws);
    const redis = createRedisClient(localStandIns.redis.standalone);
    try {
      await whenRedisReady(redis);
      for (const level of report.levels) {
        expect(await findExistingResources(aws, level.resources)).toEqual({ tables: [], queues: [], eventBuses: [], rules: [] });
        expect(await redis.keys(`${level.prefix}*`)).toEqual([]);
      }
    } finally {
      aws.destroy();
      redis.disconnect();
    }
  });
});

function expectOrderedPercentiles(latency: { p50: number; p95: number; p99: number; max: number }): void {
  expect(latency.p50).toBeGreaterThan(0);
  expect(latency.p50).toBeLessThanOrEqual(latency.p95);
  expect(latency.p95).toBeLessThanOrEqual(latency.p99);
  expect(latency.p99).toBeLessThanOrEqual(latency.max);
}
