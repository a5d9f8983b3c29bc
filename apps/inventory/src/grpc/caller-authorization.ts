import type { Metadata } from '@grpc/grpc-js';
import { TicketingError } from '@ticketing/errors';
import {
  bearerTokenOf,
  createServiceTokenVerifier,
  isSameSecret,
  ServiceAccessPolicy,
  type ServiceTokenVerifier,
  warnIfLocalMode,
} from '@ticketing/service-identity';
import type { InventoryCallerAuth } from '@ticketing/inventory-config';
import type { Logger } from '@ticketing/telemetry';

/** The InventoryService RPCs, by their proto names. */
export type InventoryMethod =
  | 'CreateEvent'
  | 'GetSeatMap'
  | 'GetInventoryStatus'
  | 'CheckAvailability'
  | 'HoldSeats'
  | 'GetHold'
  | 'CommitHold'
  | 'ReleaseHold';

/** Decides, before any work, whether the caller of an RPC may make it; throws a TicketingError if not. */
export interface CallerAuthorization {
  authorize(metadata: Metadata, method: InventoryMethod): Promise<void>;
}

/**
 * Answers "what if the caller is someone else?" for the inventory.
 *
 * service-account (the default): the caller's bearer token is a Kubernetes service-account token
 * for the inventory's audience; it is verified against the cluster's JWKS and the RPC must be one
 * its service account may make — the reservation API holds, reads, commits and releases holds and
 * reads seat maps; the worker holds (re-acquires), reads and releases; only admin accounts create
 * events. A bad or missing token is UNAUTHENTICATED, a good token of the wrong service
 * PERMISSION_DENIED, in both cases before anything is read or written.
 *
 * static-token (fallback): one shared client token for every client RPC and an admin token for
 * CreateEvent; with no client token configured (local mode only) client RPCs are open.
 *
 * Users are told apart by `user_id` in each request, which only these trusted services set, after
 * verifying the user's own token.
 */
export function callerAuthorization(auth: InventoryCallerAuth, logger: Logger): CallerAuthorization {
  warnIfLocalMode(auth, logger);
  if (auth.mode === 'static-token') return staticTokenAuthorization(auth, logger);
  const verify = createServiceTokenVerifier(auth.verifier, logger);
  const { reservationApi: api, reservationWorker: worker, admin } = auth.callers;
  const policy = new ServiceAccessPolicy<InventoryMethod>({
    CreateEvent: admin,
    GetSeatMap: api,
    GetInventoryStatus: api,
    CheckAvailability: api,
    HoldSeats: [...api, ...worker],
    GetHold: [...api, ...worker],
    CommitHold: api,
    ReleaseHold: [...api, ...worker],
  });
  return {
    async authorize(metadata, method) {
      policy.authorize(await callerOf(metadata, verify), method);
    },
  };
}

async function callerOf(metadata: Metadata, verify: ServiceTokenVerifier) {
  const token = bearerToken(metadata);
  if (!token) throw new TicketingError('UNAUTHENTICATED', 'Missing service token: send "authorization: Bearer <service-account token>".');
  return verify(token);
}

function staticTokenAuthorization(auth: Extract<InventoryCallerAuth, { mode: 'static-token' }>, logger: Logger): CallerAuthorization {
  logger.warn('SERVICE_AUTH_MODE=static-token: every caller holding the shared token is trusted as any service');
  return {
    async authorize(metadata, method) {
      const presented = bearerToken(metadata);
      if (method === 'CreateEvent') {
        if (!auth.adminToken) throw new TicketingError('FORBIDDEN', 'Admin RPCs are disabled on this instance.');
        if (!presented || !isSameSecret(presented, auth.adminToken)) throw new TicketingError('FORBIDDEN', 'This RPC needs the admin token.');
        return;
      }
      if (auth.clientToken && (!presented || !isSameSecret(presented, auth.clientToken))) {
        throw new TicketingError('UNAUTHENTICATED', 'Missing or wrong client token.');
      }
    },
  };
}

function bearerToken(metadata: Metadata): string | undefined {
  return bearerTokenOf(metadata.get('authorization')[0]);
}
