import type { ConfigPiece } from '@ticketing/config';
import type { ServiceName } from '@ticketing/resources';
// The charts deploy the apps, so their generator and tests read each app's own config schema,
// from the config lib of the app's scope.
import { inventoryConfigPieces, loadInventoryConfig } from '@ticketing/inventory-config';
import { loadReservationApiConfig, reservationApiConfigPieces } from '@ticketing/reservation-api-config';
import { loadReservationWorkerConfig, reservationWorkerConfigPieces } from '@ticketing/reservation-worker-config';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pieces differ in their env shape
type AnyConfigPieces = Record<string, ConfigPiece<any, unknown>>;

/** An environment as a pod receives it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** What a chart must know about the app it deploys, beyond the app's config schema. */
export interface ChartDefinition {
  /** Directory under charts/ and the Nx project of the app. */
  readonly chart: ServiceName;
  /** Every piece of configuration the app reads (its `<app>ConfigPieces`). */
  readonly configPieces: AnyConfigPieces;
  /** The app's own loader, to prove that a rendered environment boots. */
  readonly loadConfig: (env: Environment) => unknown;
  /** Variables that are credentials: they come from a Secret (`credentials.keys`), never from the ConfigMap. */
  readonly secretVariables: readonly string[];
  /**
   * Variables the chart's templates read themselves (ports, the token file, the queue's prefix):
   * always set in `config`, never empty.
   */
  readonly chartReadVariables: readonly string[];
  /** Deliberate differences between the chart's `config` defaults and the app's defaults, with the reason. */
  readonly chartDefaults: Readonly<Record<string, string>>;
}

/**
 * Variables that exist for the local stand-ins and local development only. No chart sets them by
 * default; the endpoint overrides may still be set through `config` (e.g. a cluster running the
 * stand-ins), the development authentication settings never (the values schema refuses them).
 */
export const localOnlyVariables: Readonly<Record<string, string>> = {
  DYNAMODB_ENDPOINT: 'points the SDK at DynamoDB Local; in AWS the regional endpoint applies',
  SQS_ENDPOINT: 'points the SDK at the local SQS emulator; in AWS the regional endpoint applies',
  EVENTBRIDGE_ENDPOINT: 'points the SDK at the local EventBridge emulator; in AWS the regional endpoint applies',
  AUTH_MODE: 'the API verifies tokens against the issuer\'s JWKS (its default); `dev-hs256` is for a laptop',
  JWT_DEV_SECRET: 'the shared HS256 secret of `dev-hs256` mode; a deployed API never holds one',
  AUTH_ALLOW_INSECURE_ISSUER: 'trusts an issuer on a loopback host; local development only',
  SERVICE_AUTH_LOCAL_MODE:
    'trusts a service-token issuer on a loopback host and lets the static-token fallback run without a token; local development and tests only',
};

/** Local-only variables the values schema refuses outright, in `config` and in `extraEnv`. */
export const forbiddenVariables: readonly string[] = ['AUTH_MODE', 'JWT_DEV_SECRET', 'AUTH_ALLOW_INSECURE_ISSUER', 'SERVICE_AUTH_LOCAL_MODE'];

/** Variables a pod gets that are no app's configuration: the Node runtime's own. */
export const runtimeVariables: readonly string[] = ['NODE_OPTIONS'];

const resourcePrefixDefault = {
  RESOURCE_PREFIX: 'the app default names local resources (`ticketing-local-`); a cluster is an environment of its own',
} as const;
const redisUrlDefault = {
  REDIS_URL: 'no Redis runs on the pod\'s loopback; a `redis` Service in the namespace is the in-cluster guess',
} as const;
const inventoryAddressDefault = {
  INVENTORY_GRPC_ADDRESS: 'the inventory chart\'s Service (release `inventory`), not loopback',
  INVENTORY_TOKEN_FILE: 'the chart mounts the pod\'s projected service-account token for the inventory there; outside a pod there is no such file',
} as const;

/** The three charts, by chart name. */
export const chartDefinitions: Readonly<Record<ServiceName, ChartDefinition>> = {
  inventory: {
    chart: 'inventory',
    configPieces: inventoryConfigPieces,
    loadConfig: loadInventoryConfig,
    secretVariables: ['INVENTORY_CLIENT_TOKEN', 'INVENTORY_ADMIN_TOKEN', 'REDIS_PASSWORD'],
    chartReadVariables: ['GRPC_PORT', 'HTTP_PORT'],
    chartDefaults: { ...resourcePrefixDefault, ...redisUrlDefault },
  },
  'reservation-api': {
    chart: 'reservation-api',
    configPieces: reservationApiConfigPieces,
    loadConfig: loadReservationApiConfig,
    secretVariables: ['INVENTORY_CLIENT_TOKEN', 'RESERVATION_API_INTERNAL_TOKEN', 'REDIS_PASSWORD'],
    chartReadVariables: ['HTTP_PORT', 'INTERNAL_HTTP_PORT', 'INVENTORY_TOKEN_FILE'],
    chartDefaults: { ...resourcePrefixDefault, ...redisUrlDefault, ...inventoryAddressDefault },
  },
  'reservation-worker': {
    chart: 'reservation-worker',
    configPieces: reservationWorkerConfigPieces,
    loadConfig: loadReservationWorkerConfig,
    secretVariables: ['INVENTORY_CLIENT_TOKEN'],
    chartReadVariables: ['HTTP_PORT', 'RESERVATION_API_TOKEN_FILE', 'INVENTORY_TOKEN_FILE', 'RESOURCE_PREFIX', 'AWS_REGION'],
    chartDefaults: {
      ...resourcePrefixDefault,
      ...inventoryAddressDefault,
      RESERVATION_API_URL: 'the reservation-api chart\'s internal Service (release `reservation-api`), not loopback',
      SHUTDOWN_TIMEOUT_MS: 'room for an open 20 s long poll and the messages in hand to finish on SIGTERM',
    },
  },
};

/** Every chart definition, in dependency order (inventory first). */
export const allChartDefinitions: readonly ChartDefinition[] = Object.values(chartDefinitions);
