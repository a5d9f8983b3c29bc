import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProvisionedResources } from '@ticketing/aws';
import type { RedisClient } from '@ticketing/redis';
import { physicalName } from '@ticketing/resources';
import { cleanupRedisKeys } from '@ticketing/testing';
import type { ApiTarget } from '../api/scenarios/api-scenario-plan';
import type { BenchEvent } from '../shared/bench-event';
import type { BenchRun } from '../shared/bench-run';
import { CleanupStack } from '../shared/cleanup-stack';
import { devTokenAudience, devTokenIssuer, startApiService, type ApiService } from '../shared/stack/api-service';
import { BenchSetup } from '../shared/stack/bench-setup';
import { startInventoryService, type InventoryService } from '../shared/stack/inventory-service';

/** How to bring up one level's stack. */
export interface WorkerBenchStackOptions {
  /** Prefix of every table, queue, bus, rule and Redis key of this stack. */
  readonly prefix: string;
  readonly entries: { readonly inventory: string; readonly api: string };
  readonly nodeOptions: { readonly inventory: string; readonly api: string };
  /** The event whose seats the reservations take. */
  readonly event: BenchEvent;
  /** Used to delete the stack's Redis keys when it closes. */
  readonly redis: RedisClient;
  readonly progress: (message: string) => void;
}

/** Everything the worker talks to, fresh for one concurrency level. */
export interface WorkerBenchStack {
  readonly resources: ProvisionedResources;
  readonly inventory: InventoryService;
  readonly api: ApiService;
  /** How to call the API as buyers (HS256 dev tokens). */
  readonly apiTarget: ApiTarget;
  /**
   * The API's static internal token (its static-token fallback, cheaper to set up than an issuer
   * and no different in cost per call, since verified service tokens are cached): the worker's,
   * and the benchmark's to read reservations back.
   */
  readonly serviceToken: string;
  /** The file the worker reads {@link serviceToken} from. */
  readonly tokenFile: string;
  readonly eventBusName: string;
  /** Stops the API and the inventory, deletes the resources, Redis keys and token file; safe to call twice. */
  close(): Promise<void>;
}

/**
 * Brings one level's stack up: tables, queues, the bus and its rules under a new prefix; the
 * inventory and the reservation API as bundles; one event on sale; the worker's token file. A level
 * never sees another level's queue, tables or scheduled `reservation.expired` events (the
 * inventory's holds last its default 5 minutes; a level's stack is gone long before its first hold
 * runs out). On failure whatever came up is torn down before the error is rethrown.
 */
export async function startWorkerBenchStack(run: BenchRun, options: WorkerBenchStackOptions): Promise<WorkerBenchStack> {
  const { standIns } = run;
  const { prefix, progress } = options;
  const teardown = new CleanupStack();
  const close = async () => {
    const failures = await teardown.run();
    if (failures.length > 0) throw new Error(`tearing down the stack ${prefix} failed: ${failures.join('; ')}`);
  };
  try {
    progress(`provisioning tables, queues, bus and rules with prefix ${prefix}`);
    const resources = await run.provision(prefix, { cleanup: teardown });
    teardown.push('delete the Redis keys', () => cleanupRedisKeys(options.redis, prefix));

    const adminToken = randomBytes(24).toString('hex');
    const inventory = await run.keep(
      'inventory',
      startInventoryService({ entry: options.entries.inventory, standIns, prefix, nodeOptions: options.nodeOptions.inventory }, { adminToken }),
      teardown,
    );
    await BenchSetup.with({ grpcAddress: inventory.grpcAddress }, adminToken, (setup) => setup.createEvent(options.event));

    const jwtSecret = randomBytes(32).toString('base64url');
    const serviceToken = randomBytes(24).toString('hex');
    const api = await run.keep(
      'reservation API',
      startApiService(
        { entry: options.entries.api, standIns, prefix, nodeOptions: options.nodeOptions.api },
        { inventoryGrpcAddress: inventory.grpcAddress, jwtSecret, internalToken: serviceToken, rateLimit: false },
      ),
      teardown,
    );

    const tokenDir = await mkdtemp(join(tmpdir(), 'bench-worker-'));
    teardown.push('delete the token file', () => rm(tokenDir, { recursive: true, force: true }));
    const tokenFile = join(tokenDir, 'service-token');
    await writeFile(tokenFile, serviceToken, { mode: 0o600 });

    return {
      resources,
      inventory,
      api,
      apiTarget: { baseUrl: api.baseUrl, jwtSecret, issuer: devTokenIssuer, audience: devTokenAudience },
      serviceToken,
      tokenFile,
      eventBusName: physicalName(prefix, 'ticketing'),
      close,
    };
  } catch (error) {
    await teardown.run();
    throw error;
  }
}
