import { fileURLToPath } from 'node:url';
import { platformServiceAccounts, reservationApiTokenAudience } from '@ticketing/service-identity';
import {
  apiTrustingIssuer,
  createDemoEvent,
  createIsolatedAwsResources,
  isolatedRedisKeyPrefix,
  serviceEnvironment,
  startJwtIssuer,
  startServiceProcess,
  type ServiceProcess,
} from '@ticketing/testing';

const entryOf = (app: string) => fileURLToPath(new URL(`../../../apps/${app}/src/main.ts`, import.meta.url));

/** The event the contract run reserves seats of; the API's document uses it in its examples. */
export const contractEventId = 'evt_demo';

/** The API as the contract test drives it, with the credentials a real client and the worker hold. */
export interface ContractStack {
  /** The public listener. */
  readonly publicUrl: string;
  /** The internal listener (the worker's endpoints). */
  readonly internalUrl: string;
  /** A user's token, valid for an hour. */
  readonly userToken: string;
  /** The worker's service-account token for the internal endpoints, valid for an hour. */
  readonly workerToken: string;
  /** Stops the processes, the issuer and the resources. */
  stop(): Promise<void>;
}

/**
 * A real inventory and reservation API as processes on fresh resources of the local stand-ins,
 * with the demo event on sale and a JWKS issuer that signs both the user's and the worker's
 * tokens. The per-user rate limit is raised so the fuzzer meets the API's logic, not its 429s
 * (the limit's own contract is tested elsewhere).
 */
export async function startContractStack(): Promise<ContractStack> {
  const aws = await createIsolatedAwsResources();
  const issuer = await startJwtIssuer({ audience: 'ticketing-api' });
  issuer.createKey('RS256');
  const processes: ServiceProcess[] = [];
  const stop = async () => {
    for (const process of processes.reverse()) await process.stop();
    await issuer.close();
    await aws.cleanup();
  };
  try {
    const env = { ...serviceEnvironment(aws.prefix), REDIS_KEY_PREFIX: isolatedRedisKeyPrefix() };
    const adminToken = 'contract-admin-token-0123456789';
    const inventory = startServiceProcess(entryOf('inventory'), { ...env, GRPC_PORT: '0', INVENTORY_ADMIN_TOKEN: adminToken });
    processes.push(inventory);
    const grpcAddress = `127.0.0.1:${String((await inventory.waitForLog((line) => line['msg'] === 'inventory listening'))['grpc_port'])}`;
    await createDemoEvent(grpcAddress, adminToken, {
      eventId: contractEventId,
      sections: [
        { sectionId: 'A', rows: 10, seatsPerRow: 20, priceMinor: 9_000 },
        { sectionId: 'B', rows: 10, seatsPerRow: 20, priceMinor: 6_000 },
      ],
    });

    const api = startServiceProcess(entryOf('reservation-api'), {
      ...env,
      INVENTORY_GRPC_ADDRESS: grpcAddress,
      ...apiTrustingIssuer(issuer),
      RATE_LIMIT_MAX: '100000',
      MAX_ACTIVE_HOLDS_PER_USER_PER_EVENT: '20',
    });
    processes.push(api);
    const listening = await api.waitForLog((line) => line['msg'] === 'reservation-api listening');
    const expiresIn = { exp: Math.floor(Date.now() / 1000) + 3_600 };
    return {
      publicUrl: `http://127.0.0.1:${String(listening['http_port'])}`,
      internalUrl: `http://127.0.0.1:${String(listening['internal_http_port'])}`,
      userToken: issuer.mint({ claims: { sub: 'contract-user', ...expiresIn } }),
      workerToken: issuer.mint({ claims: { sub: platformServiceAccounts.reservationWorker, aud: reservationApiTokenAudience, ...expiresIn } }),
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
