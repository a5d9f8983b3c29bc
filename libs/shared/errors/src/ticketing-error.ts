import { errorCatalogue, type ErrorCode } from './error-catalogue';
import type { ErrorKind } from './error-kind';

/**
 * Base of every error the platform raises on purpose. It carries a catalogue code (what clients
 * branch on), a human message that is safe to show, optional structured details (e.g. the
 * conflicting seat ids) and the underlying `cause` for logs only.
 *
 * @example
 * throw new TicketingError('INVENTORY_CONFLICT', 'Seats are taken', {
 *   details: { conflictingSeatIds: ['A-1', 'A-2'] },
 * });
 */
export class TicketingError extends Error {
  override readonly name: string = 'TicketingError';
  readonly kind: ErrorKind;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = errorCatalogue[code].kind;
    this.details = Object.freeze({ ...options.details });
  }
}
