import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { provisionedTable, scanAllItems } from '@ticketing/aws';
import { inventoryRpc, InventoryServiceClient, type InventoryRpc } from '@ticketing/inventory-contract';
import {
  createInternalApiClient,
  createReservationApiClient,
  type InternalApiClient,
  type ReservationApiClient,
} from '@ticketing/reservation-api-contract';
import {
  createDemoEvent,
  createIsolatedAwsResources,
  isolatedRedisKeyPrefix,
  serviceEnvironment,
  startServiceProcess,
  type DemoSection,
  type IsolatedAwsResources,
  type ServiceProcess,
} from '@ticketing/testing';
import { apiTrustingIssuer, startJwtIssuer, type TestJwtIssuer } from '@ticketing/testing';
import { platformServiceAccounts, reservationApiTokenAudience } from '@ticketing/service-identity';

const inventoryEntry = fileURLToPath(new URL('../../../inventory/src/main.ts', import.meta.url));
const apiEntry = fileURLToPath(new URL('../../src/main.ts', import.meta.url));
const adminToken = 'e2e-admin-token-0123456789';

/**
 * A real inventory and the reservation API as processes, on fresh tables, with a real JWKS issuer
 * that signs both the users' tokens and the service-account tokens the internal endpoints verify
 * (as a cluster's OIDC issuer would; local mode only trusts it on loopback).
 */
export interface ReservationStack {
  /** The public listener. */
  readonly base: string;
  /** The internal listener (the worker's endpoints). */
  readonly internalBase: string;
  readonly issuer: TestJwtIssuer;
  readonly api: ServiceProcess;
  readonly inventory: ServiceProcess;
  /** A client of the inventory's gRPC service, as the worker reaches it (no admin token). */
  readonly inventoryRpc: InventoryRpc;
  /**
   * The outbox events written about one reservation, read raw from the table (a consistent scan),
   * oldest first: what the relay publishes, whether or not it has yet.
   */
  outboxEventsOf(reservationId: string): Promise<{ readonly detailType: string; readonly detail: Record<string, unknown> }[]>;
  /** Every item of one of the API's tables, read raw (a consistent scan). */
  storedItems(table: 'reservations' | 'idempotency-records' | 'outbox'): Promise<Record<string, unknown>[]>;
  /** A user token (sub = `sub`) from the issuer. */
  token(sub: string): string;
  /** The public API as user `sub`, through the client generated from its OpenAPI document. */
  clientAs(sub: string): ReservationApiClient;
  /** The internal endpoints as the worker, through the client generated from their document. */
  internalClient(): InternalApiClient;
  /**
   * A service-account token for the API's internal endpoints, as the kubelet projects it into the
   * worker's pod (or into another service's, with `serviceAccount`); `claims` override any claim.
   */
  serviceToken(serviceAccount?: string, claims?: Readonly<Record<string, unknown>>): string;
  /** Stops both processes (reporting logged errors), the issuer and the tables; resolves with the exit codes. */
  stop(): Promise<{ api: number | null; inventory: number | null }>;
}

/**
 * Starts the stack with one demo event. `inventoryEnv`/`apiEnv` override configuration, e.g. a short
 * hold TTL for the expiry tests.
 */
export async function startReservationStack(options: {
  readonly eventId: string;
  readonly sections: readonly DemoSection[];
  readonly inventoryEnv?: Record<string, string>;
  readonly apiEnv?: Record<string, string>;
}): Promise<ReservationStack> {
  const aws: IsolatedAwsResources = await createIsolatedAwsResources();
  const issuer = await startJwtIssuer({ audience: 'ticketing-api' });
  issuer.createKey('RS256');
  const env = { ...serviceEnvironment(aws.prefix), REDIS_KEY_PREFIX: isolatedRedisKeyPrefix() };
  const inventory = startServiceProcess(inventoryEntry, {
    ...env,
    GRPC_PORT: '0',
    INVENTORY_ADMIN_TOKEN: adminToken,
    ...options.inventoryEnv,
  });
  const inventoryPort = (await inventory.waitForLog((line) => line['msg'] === 'inventory listening'))['grpc_port'];
  await createDemoEvent(`127.0.0.1:${String(inventoryPort)}`, adminToken, { eventId: options.eventId, sections: options.sections });
  const workerClient = new InventoryServiceClient(`127.0.0.1:${String(inventoryPort)}`, credentials.createInsecure());

  const api = startServiceProcess(apiEntry, {
    ...env,
    INVENTORY_GRPC_ADDRESS: `127.0.0.1:${String(inventoryPort)}`,
    INVENTORY_DEADLINE_MS: '2000',
    ...apiTrustingIssuer(issuer),
    OUTBOX_RELAY_INTERVAL_MS: '200',
    ...options.apiEnv,
  });
  const listening = await api.waitForLog((line) => line['msg'] === 'reservation-api listening');
  return {
    base: `http://127.0.0.1:${String(listening['http_port'])}`,
    internalBase: `http://127.0.0.1:${String(listening['internal_http_port'])}`,
    issuer,
    api,
    inventory,
    inventoryRpc: inventoryRpc(workerClient, { deadlineMs: 5_000 }),
    outboxEventsOf: async (reservationId) => {
      const items = await scanAllItems(aws.clients.documents, provisionedTable(aws.resources, 'outbox').name);
      return items
        .map((item) => ({
          createdAt: Number(item['created_at']),
          detailType: String(item['detail_type']),
          detail: JSON.parse(String(item['detail'])) as Record<string, unknown>,
        }))
        .filter((event) => event.detail['reservation_id'] === reservationId)
        .sort((a, b) => a.createdAt - b.createdAt)
        .map(({ detailType, detail }) => ({ detailType, detail }));
    },
    storedItems: (table) => scanAllItems(aws.clients.documents, provisionedTable(aws.resources, table).name),
    token: (sub) => issuer.mint({ claims: { sub } }),
    clientAs: (sub) => createReservationApiClient({ baseUrl: `http://127.0.0.1:${String(listening['http_port'])}`, bearer: issuer.mint({ claims: { sub } }) }),
    internalClient: () =>
      createInternalApiClient({
        baseUrl: `http://127.0.0.1:${String(listening['internal_http_port'])}`,
        bearer: issuer.mint({ claims: { sub: platformServiceAccounts.reservationWorker, aud: reservationApiTokenAudience } }),
      }),
    serviceToken: (serviceAccount = platformServiceAccounts.reservationWorker, claims = {}) =>
      issuer.mint({ claims: { sub: serviceAccount, aud: reservationApiTokenAudience, ...claims } }),
    stop: async () => {
      // Unexpected server errors are logged, not returned: show them when something failed.
      for (const line of [...api.logs, ...inventory.logs]) {
        if (line['level'] === 'error' || line['level'] === 'fatal') console.error(JSON.stringify(line));
      }
      workerClient.close();
      const apiExit = await api.stop();
      const inventoryExit = await inventory.stop();
      await issuer.close();
      await aws.cleanup();
      return { api: apiExit.code, inventory: inventoryExit.code };
    },
  };
}
