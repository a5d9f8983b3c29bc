import { Server } from '@grpc/grpc-js';
import { InventoryServiceService } from '@ticketing/inventory-contract';
import { createMetricsRegistry, type Logger } from '@ticketing/telemetry';
import { startOpsServer } from '@ticketing/telemetry/ops-server';
import { HealthImplementation } from 'grpc-health-check';
import type { InventoryConfig } from '@ticketing/inventory-config';
import { SeatAccelerators } from './accelerators/seat-accelerators';
import { connectInventoryDependencies, type InventoryDependencies } from './dependencies';
import { CreateEventService } from './events/create-event.service';
import { EventCatalog } from './events/event-catalog';
import { startExpirySweeper } from './expiry/expiry-sweeper';
import { callerAuthorization } from './grpc/caller-authorization';
import { inventoryServiceHandlers } from './grpc/inventory-service.handlers';
import { addServerReflection } from './grpc/server-reflection';
import { grpcServerCredentials } from './grpc/server-credentials';
import { HoldLifecycleService } from './holds/hold-lifecycle.service';
import { HoldSeatsService } from './holds/hold-seats.service';
import { createInventoryMetrics, type InventoryMetrics } from './inventory.metrics';
import { SeatMapService } from './seat-map/seat-map.service';
import { SeatStatusReader } from './seat-map/seat-status.reader';
import { monitorServingStatus } from './serving-status.monitor';

/** The fully qualified service name grpc.health.v1 reports on, besides the server-wide "". */
export const inventoryServiceName = 'ticketing.inventory.v1.InventoryService';

/** A listening inventory service. */
export interface InventoryApp {
  readonly grpcPort: number;
  readonly httpPort: number;
  /**
   * Graceful stop: health goes NOT_SERVING, in-flight RPCs finish (new ones are refused), then
   * connections close. Bounded by the caller's shutdown deadline.
   */
  close(): Promise<void>;
}

/**
 * Starts the inventory service: gRPC (InventoryService, grpc.health.v1, reflection), the HTTP
 * operations endpoint and the expiry sweeper.
 */
export async function startInventoryApp(config: InventoryConfig, logger: Logger): Promise<InventoryApp> {
  const registry = createMetricsRegistry('inventory');
  const metrics = createInventoryMetrics(registry);
  const dependencies = connectInventoryDependencies(config, metrics, logger);
  const { useCases, catalog, sweeperUseCases } = composeUseCases(config, dependencies, metrics, logger);
  watchRedisCircuit(dependencies, catalog, metrics, logger);

  const health = new HealthImplementation({ '': 'NOT_SERVING', [inventoryServiceName]: 'NOT_SERVING' });
  const setServing = (serving: boolean) => {
    const status = serving ? 'SERVING' : 'NOT_SERVING';
    health.setStatus('', status);
    health.setStatus(inventoryServiceName, status);
  };

  const server = new Server({
    'grpc.max_connection_age_ms': config.server.maxConnectionAgeMs,
    // Calls in flight on an aged connection may finish; none of ours lasts this long (deadlines ≤ 30 s).
    'grpc.max_connection_age_grace_ms': 30_000,
  });
  health.addToServer(server);
  addServerReflection(server);
  server.addService(
    InventoryServiceService,
    inventoryServiceHandlers(useCases, {
      metrics,
      logger,
      callers: callerAuthorization(config.callerAuth, logger),
    }),
  );

  const grpcPort = await new Promise<number>((resolve, reject) =>
    server.bindAsync(
      `${config.lifecycle.host}:${config.server.grpcPort}`,
      grpcServerCredentials(config.tls),
      (error, port) => (error ? reject(error) : resolve(port)),
    ),
  );
  const ops = await startOpsServer({
    host: config.lifecycle.host,
    port: config.server.httpPort,
    registry,
    readinessChecks: dependencies.readinessChecks,
    logger,
  });

  const monitor = monitorServingStatus({
    checks: dependencies.readinessChecks,
    intervalMs: config.server.healthCheckIntervalMs,
    timeoutMs: 1_000,
    logger,
    onChange: setServing,
  });
  await monitor.refresh();
  const sweeper = startExpirySweeper({
    ...sweeperUseCases,
    intervalMs: config.sweeper.intervalMs,
    batchSize: config.sweeper.batchSize,
    metrics,
    logger,
  });
  logger.info({ grpc_port: grpcPort, http_port: ops.port }, 'inventory listening');

  return {
    grpcPort,
    httpPort: ops.port,
    close: async () => {
      monitor.stop();
      setServing(false);
      await sweeper.stop();
      ops.markDraining();
      await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
      await ops.close();
      await dependencies.close();
    },
  };
}

function composeUseCases(
  config: InventoryConfig,
  dependencies: InventoryDependencies,
  metrics: InventoryMetrics,
  logger: Logger,
) {
  const catalog = new EventCatalog(dependencies.events);
  const accelerators = new SeatAccelerators(
    dependencies.gate,
    dependencies.view,
    dependencies.redisCircuit,
    { viewTtlMs: config.accelerators.seatViewTtlMs, soldSeatGateTtlMs: config.accelerators.soldSeatGateTtlMs },
    metrics,
    logger,
  );
  const statuses = new SeatStatusReader(dependencies.seats, accelerators, metrics);
  const lifecycle = new HoldLifecycleService(dependencies.holds, accelerators, config.holds, metrics);
  return {
    catalog,
    useCases: {
      createEvent: new CreateEventService(dependencies.events, catalog),
      seatMap: new SeatMapService(catalog, statuses),
      holdSeats: new HoldSeatsService(catalog, dependencies.holds, statuses, accelerators, config.holds, metrics),
      lifecycle,
    },
    sweeperUseCases: { holds: dependencies.holds, lifecycle },
  };
}

/**
 * Records circuit transitions and, when Redis comes back, drops the seat views of the events this
 * instance knows: updates made while Redis was away never reached them, so they are rebuilt from
 * DynamoDB on their next read.
 */
function watchRedisCircuit(
  dependencies: InventoryDependencies,
  catalog: EventCatalog,
  metrics: InventoryMetrics,
  logger: Logger,
): void {
  dependencies.redisCircuit.onStateChange((state) => {
    metrics.redisCircuit.inc({ state });
    logger.warn({ state }, 'redis circuit changed state');
    if (state !== 'closed') return;
    void catalog.forEachCached(async ({ event }) => {
      for (const section of event.sections) {
        await dependencies.redisCircuit.run(() => dependencies.view.invalidate(event.eventId, section.sectionId));
      }
    });
  });
}
