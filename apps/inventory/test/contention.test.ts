import type { InventoryServiceClient } from '@ticketing/inventory-contract';
import {
  createIsolatedAwsResources,
  demoEventRequest,
  isolatedRedisKeyPrefix,
  serviceEnvironment,
  startRedisCluster,
  startRedisServer,
  type IsolatedAwsResources,
} from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runContention, type InventoryChannel } from './support/contention-load';
import { summarizeLedger } from './support/contention-summary';
import { bearer } from './support/grpc-call';
import { checkInventoryInvariants } from './support/inventory-invariants';
import { inventoryChannelTo, startInventoryProcess, type InventoryProcess } from './support/inventory-process';
import { readInventorySnapshot } from './support/inventory-snapshot';
import { metricValue } from './support/metrics';
import { planRedisOutage, type SwitchableRedis } from './support/redis-outage';
import { startSeatVersionSampler } from './support/seat-version-sampler';

/*
 * The contention test of the hold path (DESIGN.md): two inventory processes on the same tables and
 * Redis, 300 virtual clients fighting over 100 seats for several rounds, Redis switched off in the
 * middle and back on later, then DynamoDB audited directly by the invariant checker.
 *
 *   round:   1        2        3        4        5        6
 *   Redis:   up ───────────── ✕ stopped ───────── ✓ restarted (empty) ──▶
 *                              (300 ms into round 3)  (300 ms into round 5)
 *
 * Each mode owns its Redis (a private redis-server, or a private 3-node cluster), so stopping it
 * disturbs no one else. Nothing asserts on timing: the machine may be slow and shared.
 */

const adminToken = 'contention-admin-token-0123456789';
const eventId = 'evt_contention';
const clients = 300;
const rounds = 6;
const shortTtlMs = 2_000;
/** No round starts after this; keeps the run bounded on a slow machine. */
const loadBudgetMs = 150_000;
/** How long after the load the test waits for the processes to use the restarted Redis again. */
const recoveryBudgetMs = 30_000;
const venue = demoEventRequest({
  eventId,
  sections: [
    { sectionId: 'A', rows: 2, seatsPerRow: 25, priceMinor: 4_500 },
    { sectionId: 'B', rows: 2, seatsPerRow: 25, priceMinor: 2_500 },
  ],
});

/** A Redis the test may stop and start, and how the services reach it. */
interface OwnedRedis extends SwitchableRedis {
  readonly env: Record<string, string>;
  destroy(): Promise<void>;
}

/** Per process: how many holds the Redis gate decided (passed or rejected, not bypassed). */
async function gateDecisions(processes: readonly InventoryProcess[]): Promise<number[]> {
  return Promise.all(
    processes.map(
      async ({ httpPort }) =>
        (await metricValue(httpPort, 'inventory_redis_gate_total', { decision: 'passed' })) +
        (await metricValue(httpPort, 'inventory_redis_gate_total', { decision: 'rejected' })),
    ),
  );
}

const redisModes: { name: string; start: () => Promise<OwnedRedis> }[] = [
  {
    name: 'standalone Redis',
    start: async () => {
      const server = await startRedisServer();
      return Object.assign(server, { env: { REDIS_MODE: 'standalone', REDIS_URL: server.url } });
    },
  },
  {
    name: 'a 3-node Redis Cluster',
    start: async () => {
      const cluster = await startRedisCluster();
      return Object.assign(cluster, { env: { REDIS_MODE: 'cluster', REDIS_CLUSTER_NODES: cluster.nodes } });
    },
  },
];

describe.each(redisModes)('two inventory processes under contention, with $name', ({ name, start }) => {
  let redis: OwnedRedis | undefined;
  let aws: IsolatedAwsResources | undefined;
  const processes: InventoryProcess[] = [];
  const grpcClients: InventoryServiceClient[] = [];

  beforeAll(async () => {
    redis = await start();
    aws = await createIsolatedAwsResources({
      only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] },
    });
    const env = {
      ...serviceEnvironment(aws.prefix),
      ...redis.env,
      GRPC_PORT: '0',
      HTTP_PORT: '0',
      // "inventory listening" is an info line; nothing is logged per request at info.
      LOG_LEVEL: 'info',
      REDIS_KEY_PREFIX: isolatedRedisKeyPrefix(),
      INVENTORY_ADMIN_TOKEN: adminToken,
      HOLD_MIN_TTL_MS: String(shortTtlMs),
      HOLD_DEFAULT_TTL_MS: '60000',
      // Two sweepers racing lazy expiry all along.
      SWEEPER_INTERVAL_MS: '1000',
    };
    // allSettled: a process that did start must be known to afterAll even if its sibling did not.
    const started = await Promise.allSettled([startInventoryProcess(env), startInventoryProcess(env)]);
    for (const result of started) if (result.status === 'fulfilled') processes.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;

    const { client, rpc } = inventoryChannelTo(processes[0]!.grpcPort);
    grpcClients.push(client);
    await rpc.createEvent(venue, { metadata: bearer(adminToken) });
  });

  afterAll(async () => {
    for (const client of grpcClients) client.close();
    await Promise.allSettled(processes.map(({ process }) => process.stop('SIGTERM')));
    await redis?.destroy();
    await aws?.cleanup();
  });

  it('never lets two holds have a seat, keeps every answer true to DynamoDB, and survives losing Redis', async () => {
    const owned = redis!;
    const tables = aws!;
    // Two channels per process: 300 clients share 4 HTTP/2 connections, as an API's pool would.
    const channels: InventoryChannel[] = processes.flatMap(({ grpcPort }, via) =>
      [0, 1].map(() => {
        const { client, rpc } = inventoryChannelTo(grpcPort);
        grpcClients.push(client);
        return { via, rpc };
      }),
    );
    const load = {
      eventId,
      channels,
      rows: venue.sections.flatMap((section) =>
        section.rows.map((row) => ({ sectionId: section.sectionId, seatIds: row.seats.map((seat) => seat.seatId) })),
      ),
      shortTtlMs,
    };
    const gateUse = { beforeOutage: [0, 0], atRestart: [0, 0] };
    const outage = planRedisOutage(owned, {
      stopAtRound: 2,
      restartAtRound: 4,
      delayMs: 300,
      beforeStop: async () => void (gateUse.beforeOutage = await gateDecisions(processes)),
      afterRestart: async () => void (gateUse.atRestart = await gateDecisions(processes)),
    });
    const sampler = startSeatVersionSampler(tables, 500);
    const startedAt = Date.now();
    const main = await runContention({
      ...load,
      clients,
      rounds,
      deadline: startedAt + loadBudgetMs,
      onRoundStart: outage.onRoundStart,
    });
    await outage.finish();

    // The accelerator must come back by itself once Redis is up again (ioredis reconnects, the
    // circuit's probe closes it). Light load, recorded and audited like the rest, until both
    // processes have asked the restarted Redis again; bounded.
    const ledger = [...main.ledger];
    const recoveryDeadline = Date.now() + recoveryBudgetMs;
    let gateUseNow = await gateDecisions(processes);
    while (!gateUseNow.every((count, via) => count > gateUse.atRestart[via]!) && Date.now() < recoveryDeadline) {
      ledger.push(...(await runContention({ ...load, clients: 30, rounds: 1, deadline: recoveryDeadline })).ledger);
      gateUseNow = await gateDecisions(processes);
    }
    const gateBackWithinMs = Date.now() - outage.window.restartedAt;
    const conflictsDetectedBy = { redis: 0, dynamodb: 0 };
    for (const { httpPort } of processes) {
      for (const by of ['redis', 'dynamodb'] as const) {
        conflictsDetectedBy[by] += await metricValue(httpPort, 'inventory_hold_conflicts_total', { detected_by: by });
      }
    }
    const versionSamples = await sampler.stop();
    const loadMs = Date.now() - startedAt;

    // Graceful shutdown while idle; also makes the tables quiet (no sweeper) for the audit.
    const exits = await Promise.all(processes.map(({ process }) => process.stop('SIGTERM')));
    expect(exits).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);

    const snapshot = await readInventorySnapshot(tables);
    const summary = summarizeLedger(ledger, outage.window);
    const outageMs = outage.window.restartingAt - outage.window.stoppedAt;
    console.info(
      `contention with ${name}`,
      JSON.stringify({ loadMs, rounds: main.roundsRun, outageMs, gateBackWithinMs, conflictsDetectedBy, versionSamples: versionSamples.length, ...summary }),
    );

    expect(checkInventoryInvariants({ snapshot, ledger, versionSamples })).toEqual({
      exclusiveSeats: [],
      answersMatchStore: [],
      wholeHolds: [],
      versionsOnlyGrow: [],
    });
    expect(summary.unexpectedFailures).toEqual([]);
    // The run was what it claims to be: contended, on both processes, with and without Redis.
    expect(main.roundsRun).toBe(rounds);
    expect(snapshot.seats.size).toBe(100);
    expect(summary.conflicts).toBeGreaterThan(summary.held);
    expect(summary.heldPerProcess.every((count) => count > 0)).toBe(true);
    expect(summary.commits).toBeGreaterThan(0);
    expect(summary.releases).toBeGreaterThan(0);
    expect(summary.outage.held).toBeGreaterThan(0);
    // Both arbiters of a lost race were exercised: the Redis gate, and DynamoDB's conditions.
    expect(conflictsDetectedBy.redis).toBeGreaterThan(0);
    expect(conflictsDetectedBy.dynamodb).toBeGreaterThan(0);
    expect(versionSamples.length).toBeGreaterThanOrEqual(3);
    // Redis really was in use before the outage, and both processes used it again after.
    expect(gateUse.beforeOutage.every((count) => count > 0)).toBe(true);
    expect(gateUseNow.every((count, via) => count > gateUse.atRestart[via]!)).toBe(true);
  });
});
