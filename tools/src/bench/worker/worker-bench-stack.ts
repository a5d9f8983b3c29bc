import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAwsClients, deleteResources, provisionResources, type AwsClients, type ProvisionedResources } from '@ticketing/aws';
import type { RedisClient } from '@ticketing/redis';
import { physicalName } from '@ticketing/resources';
import { cleanupRedisKeys } from '@ticketing/testing';
import { startApiProcess, type ApiProcess } from '../api/api-process';
import type { ApiTarget } from '../api/scenarios/api-scenario-plan';
import { BenchSetup } from '../inventory/bench-setup';
import { startInventoryProcess, type InventoryProcess } from '../inventory/inventory-process';
import type { BenchEvent } from '../inventory/scenarios/scenario-plan';
import type { BenchStandIns } from '../shared/bench-stand-ins';

/** What the dev-token tool writes and the API expects in dev-hs256 mode. */
export const tokenIssuer = 'ticketing-dev';
export const tokenAudience = 'ticketing-api';

/** How to bring up one level's stack. */
export interface WorkerBenchStackOptions {
  readonly standIns: BenchStandIns;
  /** Prefix of every table, queue, bus, rule and Redis key of this stack. */
  readonly prefix: string;
  readonly inventoryEntry: string;
  readonly apiEntry: string;
  readonly nodeOptions: { readonly inventory: string; readonly api: string };
  /** The event whose seats the reservations take. */
  readonly event: BenchEvent;
  /** Used to delete the stack's Redis keys when it closes. */
  readonly redis: RedisClient;
  readonly progress: (message: string) => void;
}

/**
 * Everything the worker talks to, fresh for one concurrency level: tables, queues, the bus and its
 * rules under a new prefix; the inventory and the reservation API as bundles; one event on sale;
 * the worker's service-token file. A level never sees another level's queue, tables or scheduled
 * `reservation.expired` events (the inventory's holds last its default 5 minutes; a level's stack
 * is gone long before its first hold runs out).
 */
export class WorkerBenchStack {
  private closing: Promise<void> | undefined;

  private constructor(
    readonly prefix: string,
    readonly resources: ProvisionedResources,
    /** Clients of the stand-ins (the benchmark's own, e.g. for probing them). */
    readonly aws: AwsClients,
    readonly inventory: InventoryProcess,
    readonly api: ApiProcess,
    /** How to call the API as buyers (HS256 dev tokens). */
    readonly apiTarget: ApiTarget,
    /**
     * The API's static internal token (its static-token fallback, cheaper to set up than an issuer
     * and no different in cost per call, since verified service tokens are cached): the worker's,
     * and the benchmark's to read reservations back.
     */
    readonly serviceToken: string,
    readonly tokenFile: string,
    readonly eventBusName: string,
    private readonly teardown: () => Promise<void>,
  ) {}

  /**
   * Brings the stack up. On failure whatever came up is torn down before the error is rethrown;
   * on success the caller owns {@link close}.
   */
  static async start(options: WorkerBenchStackOptions): Promise<WorkerBenchStack> {
    const { standIns, prefix, progress } = options;
    const steps: (() => Promise<unknown>)[] = [];
    const teardown = async () => {
      const failures: string[] = [];
      for (const step of steps.reverse()) {
        await step().catch((error: unknown) => failures.push(error instanceof Error ? error.message : String(error)));
      }
      if (failures.length > 0) throw new Error(`tearing down the stack ${prefix} failed: ${failures.join('; ')}`);
    };
    try {
      const aws = createAwsClients({
        region: standIns.region,
        dynamodbEndpoint: standIns.dynamodbEndpoint,
        sqsEndpoint: standIns.awsEmulatorEndpoint,
        eventBridgeEndpoint: standIns.awsEmulatorEndpoint,
      });
      steps.push(async () => aws.destroy());
      progress(`provisioning tables, queues, bus and rules with prefix ${prefix}`);
      const resources = await provisionResources(aws, { prefix });
      steps.push(() => deleteResources(aws, resources));
      steps.push(() => cleanupRedisKeys(options.redis, prefix));

      const adminToken = randomBytes(24).toString('hex');
      const inventory = await startInventoryProcess({
        entry: options.inventoryEntry,
        region: standIns.region,
        dynamodbEndpoint: standIns.dynamodbEndpoint,
        redisUrl: standIns.redisUrl,
        resourcePrefix: prefix,
        redisKeyPrefix: prefix,
        adminToken,
        nodeOptions: options.nodeOptions.inventory,
      });
      steps.push(() => inventory.stop());
      const setup = new BenchSetup({ grpcAddress: inventory.grpcAddress }, adminToken);
      try {
        await setup.createEvent(options.event);
      } finally {
        setup.close();
      }

      const jwtSecret = randomBytes(32).toString('base64url');
      const serviceToken = randomBytes(24).toString('hex');
      const api = await startApiProcess({
        entry: options.apiEntry,
        region: standIns.region,
        dynamodbEndpoint: standIns.dynamodbEndpoint,
        awsEmulatorEndpoint: standIns.awsEmulatorEndpoint,
        redisUrl: standIns.redisUrl,
        resourcePrefix: prefix,
        inventoryGrpcAddress: inventory.grpcAddress,
        jwtSecret,
        jwtAudience: tokenAudience,
        internalToken: serviceToken,
        rateLimit: false,
        nodeOptions: options.nodeOptions.api,
      });
      steps.push(() => api.stop());

      const tokenDir = await mkdtemp(join(tmpdir(), 'bench-worker-'));
      steps.push(() => rm(tokenDir, { recursive: true, force: true }));
      const tokenFile = join(tokenDir, 'service-token');
      await writeFile(tokenFile, serviceToken, { mode: 0o600 });

      return new WorkerBenchStack(
        prefix,
        resources,
        aws,
        inventory,
        api,
        { baseUrl: api.baseUrl, jwtSecret, issuer: tokenIssuer, audience: tokenAudience },
        serviceToken,
        tokenFile,
        physicalName(prefix, 'ticketing'),
        teardown,
      );
    } catch (error) {
      await teardown().catch(() => undefined);
      throw error;
    }
  }

  /** Stops the API and the inventory, deletes the resources, Redis keys and token file; safe to call twice. */
  close(): Promise<void> {
    return (this.closing ??= this.teardown());
  }
}
