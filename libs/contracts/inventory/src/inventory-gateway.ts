import { Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { isErrorCode, TicketingError } from '@ticketing/errors';
import CircuitBreaker from 'opossum';
import { ServiceTokenFile } from '@ticketing/service-identity';
import { readErrorDetail } from './error-detail';
import type { InventoryCredentials } from './inventory-credentials';
import { inventoryChannelSecurity, type InventoryTransport } from './inventory-transport';
import { inventoryChannelOptions } from './inventory-channel';
import { InventoryServiceClient } from './generated/ticketing/inventory/v1/inventory_service';
import { inventoryRpc, type InventoryCallOptions, type InventoryRpc } from './inventory-rpc';

/** Settings of the inventory client (each app's inventory client configuration). */
export interface InventoryGatewaySettings {
  /** A grpc-js target: `host:port`, `dns:///host:port` (see {@link inventoryAddressPattern}). */
  readonly address: string;
  readonly deadlineMs: number;
  /** The bearer token each call carries. */
  readonly credentials: InventoryCredentials;
  /** Plaintext, TLS or mutual TLS; plaintext when absent. */
  readonly transport?: InventoryTransport;
  readonly breakerResetMs: number;
  readonly breakerErrorPercent: number;
}

/** Circuit states, as reported in metrics and logs. */
export type InventoryCircuitState = 'closed' | 'open' | 'half-open';

/** gRPC codes that say the inventory (not the request) is in trouble: they count against the circuit. */
const infrastructureCodes = new Set<number>([status.UNAVAILABLE, status.DEADLINE_EXCEEDED, status.INTERNAL, status.UNKNOWN]);

/**
 * How the other services reach the inventory (the reservation API for every hold, the worker to
 * re-acquire seats): the generated gRPC client with a deadline on every call, behind an opossum
 * circuit breaker. Business answers (seat taken, hold expired) pass
 * through as the same catalogue errors; infrastructure failures become UPSTREAM_TIMEOUT (504) or
 * UPSTREAM_UNAVAILABLE (503), and while the circuit is open calls fail at once with 503 instead of
 * waiting for a dead service.
 *
 * `call(name, request, { retryable })` retries once, immediately, on UNAVAILABLE / DEADLINE_EXCEEDED
 * for calls that are idempotent (every hold call is, by its hold id).
 */
export class InventoryGateway {
  private readonly client: InventoryServiceClient;
  private readonly rpc: InventoryRpc;
  private readonly breaker: CircuitBreaker<[() => Promise<unknown>], unknown>;
  private readonly callMetadata: () => Promise<Metadata>;

  constructor(settings: InventoryGatewaySettings) {
    const security = inventoryChannelSecurity(settings.transport ?? {});
    this.client = new InventoryServiceClient(settings.address, security.credentials, { ...inventoryChannelOptions, ...security.options });
    this.callMetadata = metadataSource(settings.credentials);
    this.rpc = inventoryRpc(this.client, { deadlineMs: settings.deadlineMs });
    this.breaker = new CircuitBreaker((operation: () => Promise<unknown>) => operation(), {
      // The gRPC deadline bounds each call; the breaker only counts.
      timeout: false,
      errorThresholdPercentage: settings.breakerErrorPercent,
      resetTimeout: settings.breakerResetMs,
      rollingCountTimeout: 10_000,
      volumeThreshold: 5,
      // Answers about seats and holds are the inventory working as intended.
      errorFilter: (error: unknown) => !isInfrastructureFailure(error),
    });
  }

  /** The circuit's state. */
  get circuitState(): InventoryCircuitState {
    if (this.breaker.opened) return 'open';
    return this.breaker.halfOpen ? 'half-open' : 'closed';
  }

  /** Subscribes to circuit state changes (for metrics and logs). */
  onCircuitChange(listener: (state: InventoryCircuitState) => void): void {
    this.breaker.on('open', () => listener('open'));
    this.breaker.on('halfOpen', () => listener('half-open'));
    this.breaker.on('close', () => listener('closed'));
  }

  /** Calls one InventoryService RPC through the breaker, translating failures into catalogue errors. */
  async call<Name extends keyof InventoryRpc>(
    name: Name,
    request: Parameters<InventoryRpc[Name]>[0],
    options: { readonly retryable: boolean; readonly deadlineMs?: number },
  ): Promise<Awaited<ReturnType<InventoryRpc[Name]>>> {
    const metadata = await this.callMetadata();
    const callOptions = options.deadlineMs === undefined ? { metadata } : { metadata, deadlineMs: options.deadlineMs };
    const invoke = () => (this.rpc[name] as (request: unknown, options: InventoryCallOptions) => Promise<unknown>)(request, callOptions);
    for (let attempt = 1; ; attempt += 1) {
      try {
        return (await this.breaker.fire(invoke)) as Awaited<ReturnType<InventoryRpc[Name]>>;
      } catch (error) {
        const retry = options.retryable && attempt === 1 && isInfrastructureFailure(error) && !this.breaker.opened;
        if (!retry) throw translate(error);
      }
    }
  }

  /** Readiness: the inventory answers its health service within the deadline (and the circuit is not open). */
  async checkReachable(): Promise<void> {
    if (this.breaker.opened) throw new Error('inventory circuit is open');
    await new Promise<void>((resolve, reject) =>
      this.client.waitForReady(new Date(Date.now() + 1_000), (error) => (error ? reject(error) : resolve())),
    );
  }

  close(): void {
    this.breaker.shutdown();
    this.client.close();
  }
}

/**
 * Each call's metadata: the bearer token of `credentials`. A token file is read again when it
 * changed (the kubelet rotates projected tokens in place), so rotation never fails a call; a file
 * that cannot be read fails the call as INTERNAL, outside the circuit (the inventory is fine).
 */
function metadataSource(credentials: InventoryCredentials): () => Promise<Metadata> {
  const bearer = (token: string) => {
    const metadata = new Metadata();
    metadata.set('authorization', `Bearer ${token}`);
    return metadata;
  };
  if (credentials.kind === 'none') return async () => new Metadata();
  if (credentials.kind === 'static-token') {
    const fixed = bearer(credentials.token);
    return async () => fixed;
  }
  // Looked at once a second, not per call: every hold goes through here.
  const file = new ServiceTokenFile(credentials.path, { recheckMs: 1_000 });
  return async () => {
    try {
      return bearer(await file.token());
    } catch (error) {
      throw new TicketingError('INTERNAL', 'The service token for the inventory cannot be read.', { cause: error });
    }
  };
}

function isInfrastructureFailure(error: unknown): boolean {
  const code = (error as Partial<ServiceError> | undefined)?.code;
  return typeof code === 'number' ? infrastructureCodes.has(code) : !(error instanceof TicketingError);
}

function translate(error: unknown): TicketingError {
  if ((error as { code?: string } | undefined)?.code === 'EOPENBREAKER') {
    return new TicketingError('UPSTREAM_UNAVAILABLE', 'The inventory service is unavailable; retry shortly.', { cause: error });
  }
  const serviceError = error as Partial<ServiceError>;
  if (serviceError.code === status.DEADLINE_EXCEEDED) {
    return new TicketingError('UPSTREAM_TIMEOUT', 'The inventory service did not answer in time.', { cause: error });
  }
  const detail = readErrorDetail(error);
  if (detail && isErrorCode(detail.code) && !isInfrastructureFailure(error)) {
    return new TicketingError(detail.code, serviceError.details ?? detail.code, {
      details: { conflictingSeatIds: detail.conflictingSeatIds, ...detail.metadata },
      cause: error,
    });
  }
  return new TicketingError('UPSTREAM_UNAVAILABLE', 'The inventory service is unavailable; retry shortly.', { cause: error });
}
