import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createAwsClients, findExistingResources } from '@ticketing/aws';
import { createRedisClient, whenRedisReady } from '@ticketing/redis';
import { localStandIns } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InventoryBenchReport } from '../src/bench/inventory/report/bench-report';
import { runQuickBench } from './support/quick-bench';

/*
 * Runs `npm run bench:inventory -- --quick` for real (stand-ins, the inventory as a process, load
 * generators) and checks the report's shape and sanity. No timing thresholds: the box is shared
 * and small, so only "measured something, correctly, and cleaned up" is asserted.
 */
describe('bench:inventory --quick', () => {
  let outDir: string;
  let stdout: string;
  let report: InventoryBenchReport;

  beforeAll(async () => {
    ({ outDir, stdout, report } = await runQuickBench<InventoryBenchReport>('inventory'));
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('writes a timestamped report and the latest one, identical', async () => {
    const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
    const stamped = await readFile(join(outDir, `inventory-quick-${stamp}.json`), 'utf8');
    expect(JSON.parse(stamped)).toEqual(report);
    expect(report).toMatchObject({ schemaVersion: 1, benchmark: 'inventory', mode: 'quick' });
    expect(Date.parse(report.finishedAt)).toBeGreaterThan(Date.parse(report.startedAt));
  });

  it('measures successful holds and the bare DynamoDB ceiling, at the same concurrency', () => {
    const { uncontended } = report.holds;
    const ceiling = report.ceilings.dynamodbTransactWriteItems;
    for (const run of [uncontended, ceiling]) {
      expect(run.count).toBeGreaterThan(0);
      expect(run.perSecond).toBeGreaterThan(0);
      expect(run.measuredSeconds).toBeGreaterThan(0);
      expectOrderedPercentiles(run.latencyMs);
    }
    expect(uncontended.concurrency).toBe(ceiling.concurrency);
    expect(uncontended.outcomes).toEqual({ held: uncontended.count });
    expect(ceiling.outcomes).toEqual({ ok: ceiling.count });
    expect(uncontended.windowRates).toHaveLength(report.settings.holdsVersusCeiling.rounds);
    expect(report.ratios.successfulHoldsPerBareTransaction).toBeCloseTo(uncontended.perSecond / ceiling.perSecond, 3);
    // One TransactWriteItems per hold is the design; anything less would mean holds skipped DynamoDB.
    expect(uncontended.dynamodbCallsPerSuccessfulHold).toBeGreaterThanOrEqual(1);
  });

  it('never lets a contended hold through, and counts DynamoDB calls per rejection', () => {
    const { contended } = report.holds;
    expect(contended.count).toBeGreaterThan(0);
    expect(contended.perSecond).toBeGreaterThan(0);
    expectOrderedPercentiles(contended.latencyMs);
    // Every seat of the contended event was held before: a success here would be a double sale.
    expect(contended.outcomes['held']).toBeUndefined();
    expect(contended.dynamodbCallsPerRejectedHold).toBeGreaterThanOrEqual(0);
    // The gate decided: the Redis circuit opens on the first failed call, so on a loaded machine a
    // single slow command may send a few holds past Redis to DynamoDB; most are refused in Redis.
    const gate = report.serverMetrics['contended-holds']?.redisGate ?? {};
    expect(gate['rejected'] ?? 0).toBeGreaterThan(gate['bypassed'] ?? 0);
  });

  it('times every other RPC, and the whole seat map', () => {
    for (const rpc of ['HoldSeats', 'CommitHold', 'ReleaseHold', 'GetHold', 'CheckAvailability', 'GetSeatMap'] as const) {
      expect(report.rpcs[rpc].calls, rpc).toBeGreaterThan(0);
      expect(report.rpcs[rpc].failed, rpc).toBe(0);
      expectOrderedPercentiles(report.rpcs[rpc].latencyMs);
    }
    expect(report.seatMap.seatsPerResponse).toBe(report.settings.events.seatMap.seats);
    expect(report.seatMap.latencyMs.count).toBe(report.seatMap.calls);
    expectOrderedPercentiles(report.seatMap.latencyMs);
  });

  it('measures the Redis ceiling and the inventory process memory', () => {
    expect(report.ceilings.redisEvalsha.perSecond).toBeGreaterThan(0);
    expect(report.inventoryProcess.peakRssMb).toBeGreaterThan(0);
    expect(report.inventoryProcess.peakRssIncludingSetupMb).toBeGreaterThanOrEqual(report.inventoryProcess.peakRssMb);
  });

  it('judges the four targets and prints each verdict', () => {
    expect(report.targets.map((target) => target.id)).toEqual([
      'hold-throughput',
      'rejection-dynamodb-calls',
      'seat-map-p95',
      'inventory-peak-rss',
    ]);
    for (const target of report.targets) {
      expect(Number.isFinite(target.measured), target.id).toBe(true);
      expect(target.pass).toBe(target.comparison === '>=' ? target.measured >= target.threshold : target.measured <= target.threshold);
    }
    expect(report.allTargetsMet).toBe(report.targets.every((target) => target.pass));
    expect(stdout.match(/^ {2}(PASS|MISS) {2}/gm)).toHaveLength(4);
    expect(stdout).toContain(join(outDir, 'inventory-quick-latest.json'));
  });

  it('stops the inventory process and removes its tables and Redis keys', async () => {
    expect(() => process.kill(report.inventoryProcess.pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
    const aws = createAwsClients(localStandIns.aws);
    try {
      for (const resources of report.settings.resources) {
        expect((await findExistingResources(aws, resources)).tables).toEqual([]);
      }
    } finally {
      aws.destroy();
    }
    const redis = createRedisClient(localStandIns.redis.standalone);
    try {
      await whenRedisReady(redis);
      expect(await redis.keys(`${report.settings.redisKeyPrefix}*`)).toEqual([]);
    } finally {
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
