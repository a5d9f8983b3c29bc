import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { publishEvent, scanAllItems } from '@ticketing/aws';
import { paymentOutcomeEvent } from '@ticketing/event-contracts';
import { inventoryRpc, InventoryServiceClient } from '@ticketing/inventory-contract';
import { createReservationApiClient, type ReservationApiClient } from '@ticketing/reservation-api-contract';
import { physicalName } from '@ticketing/resources';
import { queueDepth, queueUrlOf } from '@ticketing/sqs-queue';
import {
  createDemoEvent,
  createIsolatedAwsResources,
  isolatedRedisKeyPrefix,
  serviceEnvironment,
  startJwtIssuer,
  startServiceProcess,
  type DemoSection,
  type IsolatedAwsResources,
  type ServiceProcess,
  type TestJwtIssuer,
  waitFor,
} from '@ticketing/testing';
import { platformServiceAccounts, reservationApiTokenAudience } from '@ticketing/service-identity';
import { createSigner } from 'fast-jwt';

const entryOf = (app: string) => fileURLToPath(new URL(`../../../${app}/src/main.ts`, import.meta.url));
const adminToken = 'e2e-admin-token-0123456789';
const audience = 'ticketing-api';
const issuer = 'ticketing-dev';

/** A reservation as its owner sees it. */
export interface ReservationView {
  readonly reservation_id: string;
  readonly status: string;
  readonly hold_expires_at: string;
  readonly order_id?: string;
  readonly total: { readonly amount: number; readonly currency: string };
  readonly seats: readonly { readonly seat_id: string }[];
}

/** A seat as the inventory's seats table has it. */
export interface StoredSeat {
  readonly seatId: string;
  readonly status: string;
  readonly holdId: string | undefined;
  readonly heldBy: string | undefined;
}

/**
 * The whole platform as processes — inventory, reservation API, reservation worker — on fresh
 * resources of the local stand-ins, with one demo event. The API accepts HS256 user tokens (dev
 * mode) signed with a secret of this stack; its internal endpoints verify service-account tokens
 * of a test issuer (a real JWKS endpoint on loopback), which the worker reads from a file, as deployed.
 */
export class FullStack {
  private worker: ServiceProcess | undefined;
  private readonly workerLogs: ServiceProcess[] = [];

  private constructor(
    readonly aws: IsolatedAwsResources,
    readonly inventory: ServiceProcess,
    readonly api: ServiceProcess,
    readonly apiBase: string,
    readonly eventId: string,
    /** The issuer of the worker's service-account token (tests rotate its keys). */
    readonly serviceIssuer: TestJwtIssuer,
    private readonly inventoryAddress: string,
    private readonly jwtSecret: string,
    private readonly workDir: string,
    private readonly workerEnv: Record<string, string>,
  ) {}

  static async start(options: {
    readonly eventId: string;
    readonly sections: readonly DemoSection[];
    readonly inventoryEnv?: Record<string, string>;
    readonly workerEnv?: Record<string, string>;
    readonly startWorker?: boolean;
  }): Promise<FullStack> {
    const aws = await createIsolatedAwsResources();
    const env = { ...serviceEnvironment(aws.prefix), REDIS_KEY_PREFIX: isolatedRedisKeyPrefix() };
    const inventory = startServiceProcess(entryOf('inventory'), { ...env, GRPC_PORT: '0', INVENTORY_ADMIN_TOKEN: adminToken, ...options.inventoryEnv });
    const grpcPort = String((await inventory.waitForLog((line) => line['msg'] === 'inventory listening'))['grpc_port']);
    await createDemoEvent(`127.0.0.1:${grpcPort}`, adminToken, { eventId: options.eventId, sections: options.sections });

    const jwtSecret = randomBytes(32).toString('base64url');
    const serviceIssuer = await startJwtIssuer({ audience: reservationApiTokenAudience });
    serviceIssuer.createKey('RS256');
    const api = startServiceProcess(entryOf('reservation-api'), {
      ...env,
      INVENTORY_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      INVENTORY_DEADLINE_MS: '2000',
      AUTH_MODE: 'dev-hs256',
      JWT_DEV_SECRET: jwtSecret,
      JWT_AUDIENCE: audience,
      SERVICE_AUTH_MODE: 'service-account',
      SERVICE_TOKEN_ISSUER: serviceIssuer.issuer,
      SERVICE_TOKEN_JWKS_URL: serviceIssuer.jwksUrl,
      OUTBOX_RELAY_INTERVAL_MS: '200',
      RATE_LIMIT_ENABLED: 'false',
    });
    const listening = await api.waitForLog((line) => line['msg'] === 'reservation-api listening');
    const apiBase = `http://127.0.0.1:${String(listening['http_port'])}`;

    const workDir = mkdtempSync(join(tmpdir(), 'worker-e2e-'));
    const tokenFile = join(workDir, 'service-token');
    const stack = new FullStack(aws, inventory, api, apiBase, options.eventId, serviceIssuer, `127.0.0.1:${grpcPort}`, jwtSecret, workDir, {
      ...env,
      RESERVATION_API_URL: `http://127.0.0.1:${String(listening['internal_http_port'])}`,
      RESERVATION_API_TOKEN_FILE: tokenFile,
      INVENTORY_GRPC_ADDRESS: `127.0.0.1:${grpcPort}`,
      RETRY_BASE_DELAY_SECONDS: '1',
      RETRY_MAX_DELAY_SECONDS: '2',
      SQS_WAIT_TIME_SECONDS: '2',
      RESERVATION_API_DEADLINE_MS: '3000',
      RESERVATION_API_BREAKER_RESET_MS: '1000',
      ...options.workerEnv,
    });
    writeFileSync(tokenFile, stack.workerServiceToken(), { mode: 0o600 });
    if (options.startWorker ?? true) await stack.startWorker();
    return stack;
  }

  /** Starts (or restarts) the worker process; resolves once it consumes. */
  async startWorker(extraEnv: Record<string, string> = {}): Promise<ServiceProcess> {
    const worker = startServiceProcess(entryOf('reservation-worker'), { ...this.workerEnv, ...extraEnv });
    this.worker = worker;
    this.workerLogs.push(worker);
    await worker.waitForLog((line) => line['msg'] === 'consuming');
    return worker;
  }

  /** The API's internal listener, where the worker calls. */
  get apiInternalBase(): string {
    return this.workerEnv['RESERVATION_API_URL'] ?? '';
  }

  /** The file the worker reads its service token from (tests may break and restore it). */
  get workerTokenFile(): string {
    return this.workerEnv['RESERVATION_API_TOKEN_FILE'] ?? '';
  }

  /** The running worker process. */
  get workerProcess(): ServiceProcess {
    if (!this.worker) throw new Error('the worker is not running');
    return this.worker;
  }

  /** Every log line of every worker process this stack ran. */
  workerLogLines(): Record<string, unknown>[] {
    return this.workerLogs.flatMap((process) => process.logs);
  }

  /** A user's token. */
  token(sub: string): string {
    const sign = createSigner({ algorithm: 'HS256', key: this.jwtSecret, iss: issuer, aud: audience, sub, expiresIn: 3_600_000 });
    return sign({});
  }

  /** The worker's service-account token for the API's internal endpoints, as the kubelet projects it. */
  workerServiceToken(): string {
    return this.serviceIssuer.mint({ claims: { sub: platformServiceAccounts.reservationWorker } });
  }

  /** The public API as `user`, through the client generated from its OpenAPI document. */
  apiAs(user: string): ReservationApiClient {
    return createReservationApiClient({ baseUrl: this.apiBase, bearer: this.token(user) });
  }

  /** POST /v1/reservations as `user` for these seats. */
  async reserve(user: string, seatIds: readonly string[]): Promise<{ status: number; reservation: ReservationView | undefined; errorCode: string | undefined }> {
    const { data, error, response } = await this.apiAs(user).POST('/v1/reservations', {
      params: { header: { 'idempotency-key': randomUUID() } },
      body: { event_id: this.eventId, seat_ids: [...seatIds] },
    });
    return { status: response.status, reservation: data, errorCode: error?.error.code };
  }

  /** A reservation that must succeed. */
  async hold(user: string, seatIds: readonly string[]): Promise<ReservationView> {
    const { status, reservation, errorCode } = await this.reserve(user, seatIds);
    if (!reservation) throw new Error(`holding ${seatIds.join(', ')} for ${user} answered ${status} ${errorCode ?? ''}`);
    return reservation;
  }

  async reservation(user: string, reservationId: string): Promise<ReservationView> {
    const { data, response } = await this.apiAs(user).GET('/v1/reservations/{id}', { params: { path: { id: reservationId } } });
    if (!data) throw new Error(`GET ${reservationId} answered ${response.status}`);
    return data;
  }

  /**
   * Waits until the owner sees the reservation in `status`, and returns it. The default leaves room
   * for a late payment's several deliveries (each after a retry delay, or a lock's lease) on a
   * loaded machine: ~10 s idle, over 30 s seen under a full parallel suite.
   */
  async waitForStatus(user: string, reservation: ReservationView, status: string, timeoutMs = 90_000): Promise<ReservationView> {
    await waitFor(async () => (await this.reservation(user, reservation.reservation_id)).status === status, {
      description: `${reservation.reservation_id} to become ${status}`,
      timeoutMs,
    });
    return this.reservation(user, reservation.reservation_id);
  }

  /** Publishes the payment provider's verdict, as its integration would. Resolves with the event's message id. */
  async pay(
    reservation: ReservationView,
    outcome: 'approved' | 'failed',
    options: { readonly messageId?: string; readonly paymentIntentId?: string } = {},
  ): Promise<string> {
    const event = paymentOutcomeEvent({
      reservationId: reservation.reservation_id,
      outcome,
      paymentIntentId: options.paymentIntentId ?? `pi_${reservation.reservation_id.slice(4, 16)}`,
      amount: reservation.total,
      messageId: options.messageId,
    });
    await publishEvent(this.aws.clients, { eventBusName: physicalName(this.aws.prefix, 'ticketing'), ...event });
    return event.detail.message_id;
  }

  /** A hold placed straight in the inventory, as the worker places one (e.g. to re-acquire seats). */
  async inventoryHold(user: string, holdId: string, seatIds: readonly string[], ttlMs: number): Promise<{ readonly expiresAt: Date }> {
    const client = new InventoryServiceClient(this.inventoryAddress, credentials.createInsecure());
    try {
      const { hold } = await inventoryRpc(client, { deadlineMs: 5_000 }).holdSeats({
        holdId,
        eventId: this.eventId,
        userId: user,
        selection: { $case: 'seatIds', value: { seatIds: [...seatIds] } },
        ttl: { seconds: Math.floor(ttlMs / 1000), nanos: (ttlMs % 1000) * 1_000_000 },
      });
      if (!hold?.expiresAt) throw new Error(`the inventory answered hold ${holdId} without an expiry`);
      return { expiresAt: hold.expiresAt };
    } finally {
      client.close();
    }
  }

  /** Every seat of the event as DynamoDB (the arbiter) has it. */
  async seats(): Promise<Map<string, StoredSeat>> {
    const items = await scanAllItems(this.aws.clients.documents, physicalName(this.aws.prefix, 'inventory-seats'));
    const seats = new Map<string, StoredSeat>();
    for (const item of items) {
      const seatId = String(item['seat_id']);
      seats.set(seatId, {
        seatId,
        status: String(item['status']),
        holdId: item['hold_id'] === undefined ? undefined : String(item['hold_id']),
        heldBy: item['held_by'] === undefined ? undefined : String(item['held_by']),
      });
    }
    return seats;
  }

  async queueUrls(): Promise<{ queue: string; deadLetters: string }> {
    const [queue, deadLetters] = await Promise.all([
      queueUrlOf(this.aws.clients.sqs, physicalName(this.aws.prefix, 'reservation-worker')),
      queueUrlOf(this.aws.clients.sqs, physicalName(this.aws.prefix, 'reservation-worker-dlq')),
    ]);
    return { queue, deadLetters };
  }

  /** Whether the worker queue holds no message at all: none waiting, being handled or delayed for a retry. */
  async workerQueueIdle(): Promise<boolean> {
    const depth = await queueDepth(this.aws.clients.sqs, (await this.queueUrls()).queue);
    return depth.visible + depth.inFlight + depth.delayed === 0;
  }

  async deadLetterCount(): Promise<number> {
    const depth = await queueDepth(this.aws.clients.sqs, (await this.queueUrls()).deadLetters);
    return depth.visible + depth.inFlight;
  }

  /** The worker's /metrics text. */
  async workerMetrics(): Promise<string> {
    const port = (await this.workerProcess.waitForLog((line) => line['msg'] === 'reservation worker listening'))['http_port'];
    return (await fetch(`http://127.0.0.1:${String(port)}/metrics`)).text();
  }

  /** Stops every process (worker first) and deletes the resources; resolves with the exit codes. */
  async stop(): Promise<{ worker: number | null; api: number | null; inventory: number | null }> {
    for (const line of [...this.workerLogLines(), ...this.api.logs, ...this.inventory.logs]) {
      if (line['level'] === 'fatal') console.error(JSON.stringify(line));
    }
    const worker = this.worker ? (await this.worker.stop()).code : 0;
    const api = (await this.api.stop()).code;
    const inventory = (await this.inventory.stop()).code;
    await this.serviceIssuer.close();
    await this.aws.cleanup();
    rmSync(this.workDir, { recursive: true, force: true });
    return { worker, api, inventory };
  }
}
