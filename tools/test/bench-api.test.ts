import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createRedisClient, whenRedisReady } from '@ticketing/redis';
import { localStandIns } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiBenchReport } from '../src/bench/api/report/api-bench-report';
import { expectStoppedAndRemoved, runQuickBench } from './support/quick-bench';

/*
 * Runs `npm run bench:api -- --quick` for real (stand-ins, the inventory and the reservation API as
 * processes, load generators) and checks the report's shape and sanity. No timing thresholds: the
 * box is shared and small, so only "measured something, correctly, and cleaned up" is asserted.
 */
describe('bench:api --quick', () => {
  let outDir: string;
  let stdout: string;
  let report: ApiBenchReport;

  beforeAll(async () => {
    ({ outDir, stdout, report } = await runQuickBench<ApiBenchReport>('api'));
  });

  afterAll(async () => {
    if (outDir) await rm(outDir, { recursive: true, force: true });
  });

  it('writes a timestamped report and the latest one, identical', async () => {
    const stamp = report.startedAt.replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
    const stamped = await readFile(join(outDir, `api-quick-${stamp}.json`), 'utf8');
    expect(JSON.parse(stamped)).toEqual(report);
    expect(report).toMatchObject({ schemaVersion: 1, benchmark: 'reservation-api', mode: 'quick' });
    expect(Date.parse(report.finishedAt)).toBeGreaterThan(Date.parse(report.startedAt));
    expect(report.settings.apiNodeOptions).toBe('--max-old-space-size=128 --max-semi-space-size=4');
    expect(report.settings.rateLimit.enabled).toBe(false);
  });

  it('finds a saturation rate from closed-loop steps of growing concurrency, every POST a success', () => {
    const { steps, maxCreatedPerSecond, atConcurrency } = report.saturation;
    expect(steps.length).toBeGreaterThan(0);
    expect(steps.map((step) => step.concurrency)).toEqual([...steps.map((step) => step.concurrency)].sort((a, b) => a - b));
    for (const step of steps) {
      expect(step.count).toBeGreaterThan(0);
      // Every reservation asks for seats nobody else asked for: a 409 would mean a seat was taken twice.
      // On a slow shared machine the inventory may miss its deadline under load (504/503): load, not a bug.
      expectOnlyCreatedOrOverloaded(step.outcomes);
      expectOrderedPercentiles(step.latencyMs);
    }
    expect(maxCreatedPerSecond).toBe(Math.max(...steps.map((step) => step.perSecond)));
    expect(steps.find((step) => step.perSecond === maxCreatedPerSecond)?.concurrency).toBe(atConcurrency);
  });

  it('offers 70 % of that rate in an open loop and times the answers', () => {
    const { atRate } = report;
    expect(atRate.fractionOfSaturation).toBe(0.7);
    expect(atRate.targetRatePerSecond).toBeCloseTo(report.saturation.maxCreatedPerSecond * 0.7, 0);
    expect(atRate.offeredPerSecond).toBeGreaterThan(0);
    expect(atRate.count).toBeGreaterThan(0);
    expectOnlyCreatedOrOverloaded(atRate.outcomes);
    expectOrderedPercentiles(atRate.latencyMs);
  });

  it('answers every contended POST with 409 INVENTORY_CONFLICT, refused by the Redis gate', () => {
    const { contended } = report;
    expect(contended.count).toBeGreaterThan(0);
    // Every seat of the contended event was held before: a 201 here would be a double sale.
    expect(contended.outcomes).toEqual({ '409 INVENTORY_CONFLICT': contended.count });
    expectOrderedPercentiles(contended.latencyMs);
    expect(report.serverSide['contended-reservations']?.inventory.redisGate['rejected']).toBeGreaterThan(0);
  });

  it('serves the whole seat map', () => {
    const { seatMap } = report;
    expect(seatMap.seatsPerResponse).toBe(report.settings.events.seatMap.seats);
    expect(seatMap.bytesPerResponse).toBeGreaterThan(0);
    expect(seatMap.steps.length).toBeGreaterThan(0);
    expect(seatMap.count).toBeGreaterThan(0);
    expect(seatMap.outcomes['200']).toBe(seatMap.count);
    expectOrderedPercentiles(seatMap.latencyMs);
  });

  it("reads both services' metrics per phase and derives the API's own time from them", () => {
    const phases = ['saturation', 'reservations-at-rate', 'reservations-light-load', 'contended-reservations', 'seat-map'];
    expect(Object.keys(report.serverSide)).toEqual(phases);
    for (const phase of phases) {
      const server = report.serverSide[phase];
      expect(server?.apiRoute.count, phase).toBeGreaterThan(0);
      expect(server?.inventoryRpc.count, phase).toBeGreaterThan(0);
      expect(server?.apiRoute.meanMs, phase).toBeGreaterThan(0);
      expect(server?.addedMeanMs, phase).toBeCloseTo((server?.apiRoute.meanMs ?? 0) - (server?.inventoryRpc.meanMs ?? 0), 2);
      expect(server?.cpu.processPercentOfCore['api'], phase).toBeGreaterThan(0);
      expect(server?.cpu.processPercentOfCore['inventory'], phase).toBeGreaterThan(0);
    }
    const atRate = report.serverSide['reservations-at-rate'];
    // The server saw every recorded POST (and the warm-up's), and made one HoldSeats call for each.
    expect(atRate?.apiRoute.count).toBeGreaterThanOrEqual(report.atRate.count);
    expectOnlyCreatedOrOverloaded(atRate?.apiRoute.statuses ?? {});
    // One HoldSeats per POST, plus at most one retry when the first missed its deadline.
    expect(atRate?.inventoryRpc.count).toBeGreaterThanOrEqual(atRate?.apiRoute.count ?? 0);
    expect(report.apiOverhead.atRate.addedMeanMs).toBeCloseTo(atRate?.addedMeanMs ?? Number.NaN, 1);
    const lightLoad = report.serverSide['reservations-light-load'];
    expect(lightLoad?.apiRoute.count).toBeGreaterThan(0);
    expect(report.apiOverhead.lightLoad.addedMeanMs).toBeCloseTo(lightLoad?.addedMeanMs ?? Number.NaN, 1);
  });

  it('measures the API process memory', () => {
    const { apiProcess } = report;
    expect(apiProcess.peakRssMb).toBeGreaterThan(0);
    for (const rss of Object.values(apiProcess.rssMbAfter)) expect(apiProcess.peakRssMb).toBeGreaterThanOrEqual(rss);
    // The only errors the API may log under load are inventory deadlines (answered 504) and outages (503).
    for (const message of Object.keys(apiProcess.logs.messages)) {
      if (!message.startsWith('request failed')) continue;
      expect(message).toMatch(/did not answer in time|unavailable/);
    }
  });

  it('judges the three targets and prints each verdict', () => {
    expect(report.targets.map((target) => target.id)).toEqual(['post-p95-at-70-percent', 'api-added-latency', 'api-peak-rss']);
    for (const target of report.targets) {
      expect(Number.isFinite(target.measured), target.id).toBe(true);
      expect(target.pass).toBe(target.measured <= target.threshold);
    }
    expect(report.allTargetsMet).toBe(report.targets.every((target) => target.pass));
    expect(stdout.match(/^ {2}(PASS|MISS) {2}/gm)).toHaveLength(3);
    expect(stdout).toContain(join(outDir, 'api-quick-latest.json'));
  });

  it('stops both services and removes its tables, queues, bus, rules and Redis keys', async () => {
    await expectStoppedAndRemoved([report.apiProcess.pid, report.inventoryProcess.pid], report.settings.resources);
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

/**
 * Successes, plus 503/504 answers when the shared machine is overloaded (the at-rate phase offers
 * 70 % of a saturation measured a moment earlier, and a busy CI box can fall below it); nothing
 * else. How many succeed is the benchmark's to report, not the smoke test's to judge.
 */
function expectOnlyCreatedOrOverloaded(outcomes: Readonly<Record<string, number>>): void {
  for (const status of Object.keys(outcomes)) expect(['201', '503', '504'].some((allowed) => status.startsWith(allowed)), status).toBe(true);
  expect(outcomes['201'] ?? 0).toBeGreaterThan(0);
}

