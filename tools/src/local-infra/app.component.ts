import { join } from 'node:path';
import { inventoryTokenAudience } from '@ticketing/inventory-contract';
import { reservationApiTokenAudience } from '@ticketing/service-identity';
import type { LocalInfraComponent } from './component';
import { localJwtDevSecret } from '../dev-token/local-jwt-dev-secret';
import { localIssuerUrl, localJwksUrl } from './service-issuer/local-issuer-address';
import { localServiceAccounts, writeLocalServiceToken } from './service-issuer/local-service-tokens';
import { localStandInEndpoints } from './stand-in-endpoints';
import type { LocalInfraConfig } from './local-infra.config';

/** Where one app listens when run locally; the README's port table lists the same numbers. */
interface AppPorts {
  /** The HTTP port serving /health, which tells that the process is up. */
  readonly httpPort: number;
  /** Further port settings the app reads, e.g. inventory's gRPC port. */
  readonly extraPorts?: Readonly<Record<string, number>>;
  /** Settings only this app reads. */
  readonly extraEnv?: (config: LocalInfraConfig) => Readonly<Record<string, string>>;
}

const inventoryGrpcPort = 50051;
const reservationApiInternalPort = 3002;

/**
 * How the inventory and the API's internal endpoints verify their callers locally: the production
 * mode, against the local issuer; local mode only because that issuer is on loopback.
 */
const localServiceIdentity = {
  SERVICE_AUTH_MODE: 'service-account',
  SERVICE_AUTH_LOCAL_MODE: 'true',
  SERVICE_TOKEN_ISSUER: localIssuerUrl,
  SERVICE_TOKEN_JWKS_URL: localJwksUrl,
};

/**
 * Runs one of the platform's services from source (`node --import tsx apps/<app>/src/main.ts`), as
 * `tools/dev up` does: bound to loopback, pointed at the local stand-ins and the resources `up`
 * provisioned. Ready when its `/health` answers; `/ready` then tells whether its dependencies are.
 */
function appComponent(name: 'inventory' | 'reservation-api' | 'reservation-worker', ports: AppPorts): LocalInfraComponent {
  return {
    name,
    processes(config) {
      const env = {
        ...config.childEnv,
        ...localStandInEndpoints(config),
        ...localAwsCredentials(config),
        AWS_REGION: config.region,
        RESOURCE_PREFIX: config.resourcePrefix,
        HOST: config.host,
        HTTP_PORT: String(ports.httpPort),
        INVENTORY_GRPC_ADDRESS: `${config.host}:${inventoryGrpcPort}`,
        // Locally the API accepts HS256 tokens from `npm run dev-token`; deployed, it verifies a JWKS.
        AUTH_MODE: 'dev-hs256',
        JWT_DEV_SECRET: localJwtDevSecret(config.stateDir),
        JWT_AUDIENCE: 'ticketing-api',
        ...Object.fromEntries(Object.entries(ports.extraPorts ?? {}).map(([key, port]) => [key, String(port)])),
        ...ports.extraEnv?.(config),
      };
      const claimed = [ports.httpPort, ...Object.values(ports.extraPorts ?? {})];
      return [
        {
          component: name,
          name,
          command: process.execPath,
          args: ['--import', 'tsx', join(config.workspaceRoot, 'apps', name, 'src', 'main.ts')],
          cwd: config.workspaceRoot,
          env,
          port: ports.httpPort,
          claims: claimed.map((port) => ({ port, setting: `${name}'s fixed local port` })),
          probe: () => httpAnswers(`http://${config.host}:${ports.httpPort}/health`),
        },
      ];
    },
    endpoints: (config) => ({ [`${name.toUpperCase().replaceAll('-', '_')}_URL`]: `http://${config.host}:${ports.httpPort}` }),
  };
}

/** The stand-ins accept any credentials; keep real ones when the developer has them set. */
function localAwsCredentials(config: LocalInfraConfig): Record<string, string> {
  const { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret } = config.childEnv;
  return keyId && secret ? {} : { AWS_ACCESS_KEY_ID: 'local', AWS_SECRET_ACCESS_KEY: 'local' };
}

async function httpAnswers(url: string): Promise<boolean> {
  const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
  await response.body?.cancel();
  return response.ok;
}

/** A fresh token of `account` for `audience`, as the kubelet would project it into the pod. */
function serviceTokenFile(config: LocalInfraConfig, account: keyof typeof localServiceAccounts, audience: string): string {
  return writeLocalServiceToken(config.stateDir, `${account}.${audience}`, {
    issuer: localIssuerUrl,
    subject: localServiceAccounts[account],
    audience,
  });
}

export const inventoryComponent = appComponent('inventory', {
  httpPort: 8081,
  extraPorts: { GRPC_PORT: inventoryGrpcPort },
  extraEnv: () => ({ ...localServiceIdentity, INVENTORY_CALLERS_ADMIN: localServiceAccounts.admin }),
});
export const reservationApiComponent = appComponent('reservation-api', {
  httpPort: 3000,
  extraPorts: { INTERNAL_HTTP_PORT: reservationApiInternalPort },
  extraEnv: (config) => ({
    ...localServiceIdentity,
    INVENTORY_TOKEN_FILE: serviceTokenFile(config, 'reservationApi', inventoryTokenAudience),
  }),
});
export const reservationWorkerComponent = appComponent('reservation-worker', {
  httpPort: 3001,
  extraEnv: (config) => ({
    RESERVATION_API_URL: `http://${config.host}:${reservationApiInternalPort}`,
    RESERVATION_API_TOKEN_FILE: serviceTokenFile(config, 'reservationWorker', reservationApiTokenAudience),
    INVENTORY_TOKEN_FILE: serviceTokenFile(config, 'reservationWorker', inventoryTokenAudience),
  }),
});
