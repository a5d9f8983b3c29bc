import { timingSafeEqual } from 'node:crypto';
import type { Metadata } from '@grpc/grpc-js';
import { TicketingError } from '@ticketing/errors';

/** Which callers an RPC admits. */
export type RpcAccess = 'client' | 'admin';

/** The shared secrets callers present as `authorization: Bearer <token>` metadata. */
export interface CallerTokens {
  /** Required on every client RPC when set (the reservation API and worker carry it). */
  readonly clientToken: string | undefined;
  /** Required on admin RPCs (CreateEvent); when unset, admin RPCs are refused altogether. */
  readonly adminToken: string | undefined;
}

/**
 * Answers "what if the caller is someone else?" for the inventory: it is an internal service,
 * reachable only inside the cluster, but a shared token still keeps arbitrary pods from holding
 * seats, and creating events needs an admin token that no service carries by default.
 * Users are told apart by `user_id` in each request, which only the reservation API (after
 * verifying the user's JWT) and the worker set; holds are visible only to their own user.
 */
export function authorizeCaller(metadata: Metadata, access: RpcAccess, tokens: CallerTokens): void {
  const presented = bearerToken(metadata);
  if (access === 'admin') {
    if (!tokens.adminToken) throw new TicketingError('FORBIDDEN', 'Admin RPCs are disabled on this instance.');
    if (!presented || !sameSecret(presented, tokens.adminToken)) {
      throw new TicketingError('FORBIDDEN', 'This RPC needs the admin token.');
    }
    return;
  }
  if (tokens.clientToken && (!presented || !sameSecret(presented, tokens.clientToken))) {
    throw new TicketingError('UNAUTHENTICATED', 'Missing or wrong client token.');
  }
}

function bearerToken(metadata: Metadata): string | undefined {
  const [value] = metadata.get('authorization');
  const match = typeof value === 'string' ? /^Bearer (.+)$/i.exec(value) : null;
  return match?.[1];
}

function sameSecret(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
