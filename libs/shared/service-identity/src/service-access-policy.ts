import { TicketingError } from '@ticketing/errors';
import type { ServiceCaller } from './service-token-verifier';

/**
 * Which service accounts may call which operation (an RPC, an endpoint). An operation lists its
 * callers explicitly; one that lists none is refused to everyone, so a forgotten entry fails closed.
 *
 * @example
 * const policy = new ServiceAccessPolicy({ HoldSeats: [api, worker], CreateEvent: admins });
 * policy.authorize(caller, 'HoldSeats'); // throws FORBIDDEN for anyone else
 */
export class ServiceAccessPolicy<Operation extends string> {
  private readonly callers: ReadonlyMap<Operation, ReadonlySet<string>>;

  constructor(callers: Readonly<Record<Operation, readonly string[]>>) {
    this.callers = new Map(
      (Object.entries(callers) as [Operation, readonly string[]][]).map(([operation, accounts]) => [operation, new Set(accounts)]),
    );
  }

  /** Throws FORBIDDEN unless `caller` is one of `operation`'s service accounts. */
  authorize(caller: ServiceCaller, operation: Operation): void {
    if (this.callers.get(operation)?.has(caller.serviceAccount)) return;
    throw new TicketingError('FORBIDDEN', `Service account ${caller.serviceAccount} may not call ${operation}.`);
  }

  /** The service accounts allowed to call `operation`. */
  callersOf(operation: Operation): readonly string[] {
    return [...(this.callers.get(operation) ?? [])];
  }
}
