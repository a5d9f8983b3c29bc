import {
  awsConfig,
  ConfigRuleViolation,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  millisecondsVariable,
  observabilityConfig,
  portVariable,
} from '@ticketing/config';
import Type from 'typebox';
import { inventoryAddressPattern, inventoryCredentialVariables, inventoryTransportVariables, readInventoryCredentials, readInventoryTransport } from '@ticketing/inventory-contract';

const workerServerConfig = defineConfigPiece(
  { HTTP_PORT: portVariable(3001, 'HTTP port serving /health, /ready and /metrics') },
  (env) => ({ httpPort: env.HTTP_PORT }),
);

/** How the worker takes messages off its queue. */
const consumerConfig = defineConfigPiece(
  {
    WORKER_CONCURRENCY: Type.Integer({ minimum: 1, maximum: 500, default: 20, description: 'messages handled at the same time, at most' }),
    SQS_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 10, default: 10, description: 'messages asked for per receive (SQS allows 10)' }),
    SQS_WAIT_TIME_SECONDS: Type.Integer({ minimum: 0, maximum: 20, default: 20, description: 'long-poll wait of one receive' }),
    HANDLER_TIMEOUT_MS: millisecondsVariable(
      20_000,
      50_000,
      "how long one message's handling may take before it counts as a retryable failure; below the queue's 60 s visibility timeout",
    ),
  },
  (env) => ({
    concurrency: env.WORKER_CONCURRENCY,
    batchSize: env.SQS_BATCH_SIZE,
    waitTimeSeconds: env.SQS_WAIT_TIME_SECONDS,
    handlerTimeoutMs: env.HANDLER_TIMEOUT_MS,
  }),
);

/** Retries, dead letters and processed-event records. */
const retryConfig = defineConfigPiece(
  {
    RETRY_BASE_DELAY_SECONDS: Type.Integer({
      minimum: 0,
      maximum: 3_600,
      default: 2,
      description: 'first retry delay; each further delivery doubles it (jittered within its upper half), via the message visibility timeout',
    }),
    RETRY_MAX_DELAY_SECONDS: Type.Integer({ minimum: 1, maximum: 43_200, default: 300, description: 'longest retry delay' }),
    PROCESSED_EVENT_RETENTION_HOURS: Type.Integer({
      minimum: 1,
      maximum: 24 * 90,
      default: 24 * 7,
      description: 'how long a handled event id is remembered (longer than the queue keeps a message, 4 days)',
    }),
  },
  (env) => {
    if (env.RETRY_MAX_DELAY_SECONDS < env.RETRY_BASE_DELAY_SECONDS) {
      throw new ConfigRuleViolation('RETRY_MAX_DELAY_SECONDS', 'must be at least RETRY_BASE_DELAY_SECONDS');
    }
    return {
      baseDelaySeconds: env.RETRY_BASE_DELAY_SECONDS,
      maxDelaySeconds: env.RETRY_MAX_DELAY_SECONDS,
      processedEventRetentionMs: env.PROCESSED_EVENT_RETENTION_HOURS * 3_600_000,
    };
  },
);

/** How the worker reaches the reservation API's internal endpoints. */
const reservationApiConfig = defineConfigPiece(
  {
    RESERVATION_API_URL: Type.String({
      pattern: '^https?://[^\\s/]+(/[^\\s]*)?$',
      default: 'http://127.0.0.1:3002',
      description: "base URL of the reservation API's internal listener (its INTERNAL_HTTP_PORT, not the public port)",
    }),
    RESERVATION_API_TOKEN_FILE: Type.String({
      minLength: 1,
      default: '/var/run/secrets/tokens/reservation-api/token',
      description:
        "file holding the worker's token for the API's internal endpoints: a projected service-account token with the API's audience (ticketing-reservation-api), or the API's static token in its static-token mode; re-read when it changes, as the kubelet rotates it",
    }),
    RESERVATION_API_DEADLINE_MS: millisecondsVariable(5_000, 30_000, 'deadline of one call to the reservation API'),
    RESERVATION_API_BREAKER_RESET_MS: millisecondsVariable(5_000, 300_000, 'how long the API circuit stays open before one trial call'),
  },
  (env) => ({
    baseUrl: env.RESERVATION_API_URL.replace(/\/+$/, ''),
    tokenFile: env.RESERVATION_API_TOKEN_FILE,
    deadlineMs: env.RESERVATION_API_DEADLINE_MS,
    breakerResetMs: env.RESERVATION_API_BREAKER_RESET_MS,
  }),
);

/** How the worker reaches the inventory (to re-acquire the seats of a late payment). */
const inventoryClientConfig = defineConfigPiece(
  {
    INVENTORY_GRPC_ADDRESS: Type.String({
      pattern: inventoryAddressPattern,
      default: '127.0.0.1:50051',
      description:
        'host:port of the inventory gRPC service, or dns:///host:port for a name resolving to every replica (a headless Service): calls are spread round-robin over the addresses',
    }),
    INVENTORY_DEADLINE_MS: millisecondsVariable(1_000, 10_000, 'deadline of one inventory call'),
    ...inventoryCredentialVariables,
    ...inventoryTransportVariables,
    INVENTORY_BREAKER_RESET_MS: millisecondsVariable(5_000, 300_000, 'how long the inventory circuit stays open before one trial call'),
  },
  (env) => ({
    address: env.INVENTORY_GRPC_ADDRESS,
    deadlineMs: env.INVENTORY_DEADLINE_MS,
    credentials: readInventoryCredentials(env),
    transport: readInventoryTransport(env),
    breakerResetMs: env.INVENTORY_BREAKER_RESET_MS,
    breakerErrorPercent: 50,
  }),
);

/** Every configuration piece the service reads; docs/reference/configuration.md is generated from it. */
export const reservationWorkerConfigPieces = {
  server: workerServerConfig,
  consumer: consumerConfig,
  retry: retryConfig,
  reservationApi: reservationApiConfig,
  inventory: inventoryClientConfig,
  lifecycle: lifecycleConfig,
  observability: observabilityConfig,
  aws: awsConfig,
};

/**
 * Reads and validates the reservation worker's configuration. The only place that reads the
 * environment; fails at boot naming every bad variable.
 */
export function loadReservationWorkerConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(reservationWorkerConfigPieces, env);
}

export type ReservationWorkerConfig = ReturnType<typeof loadReservationWorkerConfig>;
