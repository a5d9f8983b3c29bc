import { freeLoopbackPorts } from './free-ports';
import { httpReady, startServiceChild, type ServiceChild, type ServiceLaunch } from './service-child';

/** What the dev-token tool writes and the API expects in dev-hs256 mode. */
export const devTokenIssuer = 'ticketing-dev';
export const devTokenAudience = 'ticketing-api';

/** The reservation API's own settings in a benchmark. */
export interface ApiServiceOptions {
  readonly inventoryGrpcAddress: string;
  /** HS256 secret of the dev-hs256 mode; tokens carry {@link devTokenIssuer} and {@link devTokenAudience}. */
  readonly jwtSecret: string;
  /**
   * The static token the internal endpoints ask for (the API's static-token fallback); without it
   * they admit anyone, as the benchmarks run in local mode.
   */
  readonly internalToken?: string | undefined;
  /** Per-user rate limiting (Redis-backed, the API's defaults) or none. */
  readonly rateLimit: boolean;
  /**
   * Run the outbox relay (default true: it is part of what an API replica does). Off, the API's
   * DynamoDB calls are the requests' own, with no relay polling or publishing among them.
   */
  readonly outboxRelay?: boolean;
}

/** A running reservation API. */
export interface ApiService extends ServiceChild {
  readonly baseUrl: string;
  /** The internal listener (the worker's endpoints). */
  readonly internalBaseUrl: string;
  readonly metricsUrl: string;
}

/**
 * Starts the reservation API: the run's tables, dev-hs256 tokens, warnings-only
 * logs, the outbox relay on unless `outboxRelay` is false. Resolves once `/ready`
 * answers 200 (its tables and the inventory are reachable).
 */
export async function startApiService(launch: ServiceLaunch, options: ApiServiceOptions): Promise<ApiService> {
  const [httpPort, internalHttpPort] = await freeLoopbackPorts(2);
  const baseUrl = `http://127.0.0.1:${httpPort}`;
  const service = await startServiceChild({
    name: 'reservation API',
    launch,
    killAfterMs: 15_000,
    env: {
      HTTP_PORT: String(httpPort),
      INTERNAL_HTTP_PORT: String(internalHttpPort),
      ...(options.internalToken ? { RESERVATION_API_INTERNAL_TOKEN: options.internalToken } : {}),
      INVENTORY_GRPC_ADDRESS: options.inventoryGrpcAddress,
      AUTH_MODE: 'dev-hs256',
      JWT_DEV_SECRET: options.jwtSecret,
      JWT_AUDIENCE: devTokenAudience,
      LOG_LEVEL: 'warn',
      RATE_LIMIT_ENABLED: String(options.rateLimit),
      OUTBOX_RELAY_ENABLED: String(options.outboxRelay ?? true),
      // Only read when rate limiting counts in Redis; the keys go under the run's prefix.
      REDIS_KEY_PREFIX: launch.prefix,
    },
    ready: () => httpReady(`${baseUrl}/ready`),
  });
  return { ...service, baseUrl, internalBaseUrl: `http://127.0.0.1:${internalHttpPort}`, metricsUrl: `${baseUrl}/metrics` };
}
