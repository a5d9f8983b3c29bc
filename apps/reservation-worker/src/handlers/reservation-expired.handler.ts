import type { WorkerEvent } from '@ticketing/event-contracts';
import { RetryableFailure } from '../handling/handling-failures';
import type { ReservationApiClient } from '../reservation-api/reservation-api.client';
import type { EventHandler, HandlerContext } from '../handling/event-handler';

type ExpiredEvent = Extract<WorkerEvent, { detailType: 'reservation.expired' }>;

/**
 * `reservation.expired`: a reservation still on HOLD at its expiry becomes EXPIRED and its seats
 * go back (the API's internal expire endpoint does both); any other state stays as it is.
 *
 * The outbox publishes the event at the hold's expiry, measured by the API's clock. If this
 * worker's view says the hold has not run out yet (clocks differ, or the event was published
 * early), the message comes back at the due time instead of being dropped as "nothing to do".
 */
export class ReservationExpiredHandler implements EventHandler<ExpiredEvent> {
  constructor(private readonly api: ReservationApiClient) {}

  async handle(event: ExpiredEvent, context: HandlerContext): Promise<string> {
    const reservationId = event.detail.reservation_id;
    const current = await this.api.getReservation(reservationId, { traceparent: context.traceparent });
    // The API shows a hold past its expiry as EXPIRED before it is recorded: that one still needs expiring.
    if (current.status !== 'HOLD' && current.status !== 'EXPIRED') return 'already-final';
    if (current.status === 'HOLD' && Date.parse(current.hold_expires_at) > context.now().getTime()) {
      throw holdStillRunning(current.hold_expires_at, context.now());
    }

    const after = await this.api.expire(reservationId, { idempotencyKey: context.idempotencyKey('expire'), traceparent: context.traceparent });
    // The API runs on its own clock: a hold it still sees running is retried shortly.
    if (after.status === 'HOLD') throw holdStillRunning(after.hold_expires_at, context.now());
    return after.status === 'EXPIRED' ? 'expired' : 'already-final';
  }
}

/** The message comes back when the hold runs out, and never sooner than a second from now. */
function holdStillRunning(holdExpiresAt: string, now: Date): RetryableFailure {
  return new RetryableFailure('not-due-yet', `the hold runs until ${holdExpiresAt}`, {
    retryAfterSeconds: Math.max(1, Math.ceil((Date.parse(holdExpiresAt) - now.getTime()) / 1000)),
  });
}
