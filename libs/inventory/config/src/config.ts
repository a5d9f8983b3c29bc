import {
  awsConfig,
  choiceVariable,
  ConfigRuleViolation,
  defineConfigPiece,
  lifecycleConfig,
  loadConfig,
  millisecondsVariable,
  observabilityConfig,
  portVariable,
  redisConfig,
  requireBothOrNeither,
} from '@ticketing/config';
import {
  localModeVariable,
  platformServiceAccounts,
  readServiceTokenSettings,
  serviceAccountList,
  serviceAccountListVariable,
  serviceTokenVariables,
  type ServiceTokenSettings,
} from '@ticketing/service-identity';
import { inventoryTokenAudience } from '@ticketing/inventory-contract';
import { holdTtlBoundsAreConsistent } from '@ticketing/inventory-domain';
import Type from 'typebox';

const inventoryServerConfig = defineConfigPiece(
  {
    GRPC_PORT: portVariable(50051, 'gRPC port serving InventoryService, grpc.health.v1 and reflection'),
    HTTP_PORT: portVariable(8081, 'HTTP port serving /health, /ready and /metrics'),
    HEALTH_CHECK_INTERVAL_MS: millisecondsVariable(
      5_000,
      60_000,
      'how often dependencies are re-checked to set the grpc.health.v1 serving status',
    ),
    GRPC_MAX_CONNECTION_AGE_MS: millisecondsVariable(
      300_000,
      86_400_000,
      'how long a client connection lives before the server asks the client to reconnect (GOAWAY; calls in flight finish), so clients re-resolve and spread over replicas added since',
    ),
  },
  (env) => ({
    grpcPort: env.GRPC_PORT,
    maxConnectionAgeMs: env.GRPC_MAX_CONNECTION_AGE_MS,
    httpPort: env.HTTP_PORT,
    healthCheckIntervalMs: env.HEALTH_CHECK_INTERVAL_MS,
  }),
);

const holdPolicyConfig = defineConfigPiece(
  {
    HOLD_DEFAULT_TTL_MS: millisecondsVariable(300_000, 3_600_000, 'hold lifetime when the request names none'),
    HOLD_MIN_TTL_MS: millisecondsVariable(10_000, 3_600_000, 'shortest hold a request may ask for (shorter is raised to it)'),
    HOLD_MAX_TTL_MS: millisecondsVariable(900_000, 3_600_000, 'longest hold a request may ask for (longer is cut to it)'),
    MAX_SEATS_PER_HOLD: Type.Integer({
      minimum: 1,
      maximum: 99,
      default: 10,
      description: 'most seats one hold may take (at most 99: one DynamoDB transaction carries every seat and the hold)',
    }),
    EXPIRED_HOLD_COMMIT_POLICY: choiceVariable(
      ['reject', 'allow-if-untouched'],
      'reject',
      'committing a hold after its expiry: reject it (HOLD_EXPIRED), or allow it while no other hold took its seats',
    ),
    BEST_AVAILABLE_ATTEMPTS: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 32,
      description:
        'how many seat choices a quantity hold tries when others take its seats first (until shortly before the caller\'s deadline); then INVENTORY_CONTENDED, never "no seats" while seats are free',
    }),
    BEST_AVAILABLE_SPREAD: Type.Integer({
      minimum: 1,
      maximum: 64,
      default: 8,
      description:
        "a quantity hold's Redis claim tries this many best blocks at once and takes the first free one (doubling on each retry); with Redis bypassed it picks one of them at random. 1 always takes the single best block",
    }),
  },
  (env) => {
    const ttl = { defaultMs: env.HOLD_DEFAULT_TTL_MS, minMs: env.HOLD_MIN_TTL_MS, maxMs: env.HOLD_MAX_TTL_MS };
    // The one check of the bounds, at boot: requests then trust them.
    if (!holdTtlBoundsAreConsistent(ttl)) {
      throw new ConfigRuleViolation('HOLD_DEFAULT_TTL_MS', 'must lie between HOLD_MIN_TTL_MS and HOLD_MAX_TTL_MS');
    }
    return {
      ttl,
      maxSeatsPerHold: env.MAX_SEATS_PER_HOLD,
      allowExpiredCommit: env.EXPIRED_HOLD_COMMIT_POLICY === 'allow-if-untouched',
      bestAvailableAttempts: env.BEST_AVAILABLE_ATTEMPTS,
      bestAvailableSpread: env.BEST_AVAILABLE_SPREAD,
    };
  },
);

const acceleratorConfig = defineConfigPiece(
  {
    SEAT_VIEW_TTL_MS: millisecondsVariable(
      60_000,
      3_600_000,
      'how long a Redis seat-status view is trusted before it is rebuilt from DynamoDB',
    ),
    SOLD_SEAT_GATE_TTL_MS: millisecondsVariable(
      86_400_000,
      604_800_000,
      'how long the Redis gate remembers a sold seat (after that DynamoDB refuses it and re-teaches the gate)',
    ),
    REDIS_BREAKER_PROBE_MS: millisecondsVariable(
      500,
      60_000,
      'while the Redis circuit is open (it opens on the first failed call), how often a background PING checks whether Redis is back; requests skip Redis meanwhile',
    ),
  },
  (env) => ({
    seatViewTtlMs: env.SEAT_VIEW_TTL_MS,
    soldSeatGateTtlMs: env.SOLD_SEAT_GATE_TTL_MS,
    breakerProbeMs: env.REDIS_BREAKER_PROBE_MS,
  }),
);

const sweeperConfig = defineConfigPiece(
  {
    SWEEPER_INTERVAL_MS: millisecondsVariable(
      30_000,
      3_600_000,
      'how often the expiry sweeper looks for expired holds (a safety net; expiry itself is lazy)',
    ),
    SWEEPER_BATCH_SIZE: Type.Integer({ minimum: 1, maximum: 1_000, default: 100, description: 'most holds one sweep expires' }),
  },
  (env) => ({ intervalMs: env.SWEEPER_INTERVAL_MS, batchSize: env.SWEEPER_BATCH_SIZE }),
);

const grpcTlsConfig = defineConfigPiece(
  {
    INVENTORY_TLS_CERT_FILE: Type.Optional(
      Type.String({ minLength: 1, description: 'PEM certificate chain the gRPC port serves; with INVENTORY_TLS_KEY_FILE it turns TLS on' }),
    ),
    INVENTORY_TLS_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key of INVENTORY_TLS_CERT_FILE' })),
    INVENTORY_TLS_CLIENT_CA_FILE: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'PEM CA bundle: when set, every gRPC caller must present a client certificate it signed (mutual TLS)',
      }),
    ),
  },
  (env) => {
    requireBothOrNeither(['INVENTORY_TLS_CERT_FILE', env.INVENTORY_TLS_CERT_FILE], ['INVENTORY_TLS_KEY_FILE', env.INVENTORY_TLS_KEY_FILE]);
    if (env.INVENTORY_TLS_CLIENT_CA_FILE && !env.INVENTORY_TLS_CERT_FILE) {
      throw new ConfigRuleViolation('INVENTORY_TLS_CLIENT_CA_FILE', 'needs INVENTORY_TLS_CERT_FILE and INVENTORY_TLS_KEY_FILE: client certificates are checked over TLS only');
    }
    return env.INVENTORY_TLS_CERT_FILE && env.INVENTORY_TLS_KEY_FILE
      ? { certFile: env.INVENTORY_TLS_CERT_FILE, keyFile: env.INVENTORY_TLS_KEY_FILE, clientCaFile: env.INVENTORY_TLS_CLIENT_CA_FILE }
      : undefined;
  },
);

const callerAuthConfig = defineConfigPiece(
  {
    ...serviceTokenVariables(inventoryTokenAudience),
    INVENTORY_CALLERS_RESERVATION_API: serviceAccountListVariable(
      platformServiceAccounts.reservationApi,
      'service accounts of the reservation API: they may hold, read, commit and release holds and read seat maps',
    ),
    INVENTORY_CALLERS_RESERVATION_WORKER: serviceAccountListVariable(
      platformServiceAccounts.reservationWorker,
      'service accounts of the reservation worker: they may hold (re-acquire), read and release holds',
    ),
    INVENTORY_CALLERS_ADMIN: Type.Optional(
      serviceAccountListVariable(undefined, 'service accounts that may create events (CreateEvent); unset, no service may'),
    ),
    INVENTORY_CLIENT_TOKEN: Type.Optional(
      Type.String({
        minLength: 16,
        description: 'static-token mode only: the bearer token every caller presents ("authorization: Bearer <token>")',
      }),
    ),
    INVENTORY_ADMIN_TOKEN: Type.Optional(
      Type.String({ minLength: 16, description: 'static-token mode only: bearer token for admin RPCs (CreateEvent); unset disables them' }),
    ),
  },
  (env): InventoryCallerAuth => {
    const settings = readServiceTokenSettings(env);
    if (settings.mode === 'static-token') {
      if (!env.INVENTORY_CLIENT_TOKEN && !settings.local) {
        throw new ConfigRuleViolation(
          'INVENTORY_CLIENT_TOKEN',
          `is required when SERVICE_AUTH_MODE is static-token; without it every caller would be admitted (${localModeVariable}=true allows that for local development only)`,
        );
      }
      return { ...settings, clientToken: env.INVENTORY_CLIENT_TOKEN, adminToken: env.INVENTORY_ADMIN_TOKEN };
    }
    // The static tokens are not read in this mode (a chart may still mount its optional Secret).
    return {
      ...settings,
      callers: {
        reservationApi: serviceAccountList(env.INVENTORY_CALLERS_RESERVATION_API),
        reservationWorker: serviceAccountList(env.INVENTORY_CALLERS_RESERVATION_WORKER),
        admin: serviceAccountList(env.INVENTORY_CALLERS_ADMIN ?? ''),
      },
    };
  },
);


/** How the inventory knows its callers (the `callerAuth` config piece). */
export type InventoryCallerAuth =
  | (Extract<ServiceTokenSettings, { mode: 'service-account' }> & {
      readonly callers: { readonly reservationApi: readonly string[]; readonly reservationWorker: readonly string[]; readonly admin: readonly string[] };
    })
  | (Extract<ServiceTokenSettings, { mode: 'static-token' }> & {
      readonly clientToken: string | undefined;
      readonly adminToken: string | undefined;
    });

/** Every configuration piece the service reads; docs/reference/configuration.md is generated from it. */
export const inventoryConfigPieces = {
  server: inventoryServerConfig,
  tls: grpcTlsConfig,
  holds: holdPolicyConfig,
  accelerators: acceleratorConfig,
  sweeper: sweeperConfig,
  callerAuth: callerAuthConfig,
  lifecycle: lifecycleConfig,
  observability: observabilityConfig,
  aws: awsConfig,
  redis: redisConfig,
};

/**
 * Reads and validates the inventory service's configuration. The only place that reads the
 * environment; fails at boot naming every bad variable.
 */
export function loadInventoryConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(inventoryConfigPieces, env);
}

export type InventoryConfig = ReturnType<typeof loadInventoryConfig>;
