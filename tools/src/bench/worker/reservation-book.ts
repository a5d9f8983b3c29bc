import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient, type ApiAnswer } from '../api/scenarios/api-client';
import type { ApiTarget } from '../api/scenarios/api-scenario-plan';
import { seatGroups, type BenchEvent, type SeatGroup } from '../shared/bench-event';
import type { PayableReservation } from './scenarios/worker-scenario-plan';

/** How often one buyer of the setup tries before the run gives up. */
const setupAttempts = 5;

/** What reading the reservations back found. */
export interface ReservationCheck {
  readonly checked: number;
  /** Reservations by status as the API reports them (`CONFIRMED`, `HOLD`, …; `unreadable` when the GET failed). */
  readonly statuses: Readonly<Record<string, number>>;
  /** Up to ten that are not CONFIRMED, with their status. */
  readonly notConfirmedSample: readonly { readonly reservationId: string; readonly status: string }[];
}

/**
 * Unmeasured preparation and checking through the reservation API, as buyers and the worker use
 * it: reservations are created with POST /v1/reservations (a new user per reservation, two
 * adjacent seats nobody else asked for, a fresh Idempotency-Key each) and read back with the
 * worker's own internal GET.
 */
export class ReservationBook {
  private readonly client: ApiClient;
  private readonly internalClient: ApiClient;
  private readonly groups: SeatGroup[];
  private nextGroup = 0;
  private readonly serviceToken: string;

  constructor(
    target: ApiTarget,
    private readonly event: BenchEvent,
    seatsPerHold: number,
    /** The API's internal listener and the worker's token for it. */
    internal: { readonly baseUrl: string; readonly token: string },
    private readonly concurrency: number,
  ) {
    this.client = new ApiClient(target, concurrency, 'wrk');
    this.internalClient = new ApiClient({ ...target, baseUrl: internal.baseUrl }, concurrency, 'wrk');
    this.serviceToken = internal.token;
    this.groups = seatGroups(event, seatsPerHold);
  }

  /**
   * Creates `count` reservations on seat groups no earlier call used. A buyer whose POST meets a
   * passing refusal (5xx, 429, a retry of theirs still in progress) retries it with the same
   * Idempotency-Key, as a client should: on a slow, shared machine the setup is not what is measured.
   * @throws on any other answer, or after {@link setupAttempts}: setup must succeed fully or the run means nothing.
   */
  async create(count: number): Promise<PayableReservation[]> {
    if (this.nextGroup + count > this.groups.length) {
      throw new Error(`the event ${this.event.eventId} has ${this.groups.length - this.nextGroup} free seat groups left, ${count} needed`);
    }
    const groups = this.groups.slice(this.nextGroup, this.nextGroup + count);
    this.nextGroup += count;
    const created: PayableReservation[] = new Array<PayableReservation>(count);
    let next = 0;
    const creator = async () => {
      for (let index = next++; index < groups.length; index = next++) {
        const group = groups[index];
        if (!group) return;
        const answer = await this.reserve({ event_id: this.event.eventId, seat_ids: group.seatIds });
        const body = JSON.parse(answer.body.toString('utf8')) as {
          reservation_id: string;
          total: { amount: number; currency: string };
        };
        created[index] = { reservationId: body.reservation_id, amount: body.total.amount, currency: body.total.currency };
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, () => creator()));
    return created;
  }

  private async reserve(body: { readonly event_id: string; readonly seat_ids: readonly string[] }): Promise<ApiAnswer> {
    const buyer = this.client.newBuyer();
    for (let attempt = 1; ; attempt += 1) {
      const answer = await this.client.createReservation(body, buyer);
      if (answer.status === 201) return answer;
      const text = answer.body.toString('utf8');
      const passing = answer.status >= 500 || answer.status === 429 || text.includes('IDEMPOTENCY_IN_PROGRESS');
      if (!passing || attempt === setupAttempts) {
        throw new Error(`POST /v1/reservations answered ${answer.status} (attempt ${attempt}): ${text.slice(0, 300)}`);
      }
      await sleep(500 * attempt);
    }
  }

  /** Reads every reservation back (GET /internal/v1/reservations/{id}) and counts them by status. */
  async check(reservationIds: readonly string[]): Promise<ReservationCheck> {
    const statuses: Record<string, number> = {};
    const notConfirmedSample: { reservationId: string; status: string }[] = [];
    let next = 0;
    const reader = async () => {
      for (let reservationId = reservationIds[next++]; reservationId; reservationId = reservationIds[next++]) {
        let status: string;
        try {
          const answer = await this.internalClient.send('GET', `/internal/v1/reservations/${encodeURIComponent(reservationId)}`, {
            authorization: `Bearer ${this.serviceToken}`,
          });
          status = answer.status === 200 ? String((JSON.parse(answer.body.toString('utf8')) as { status?: unknown }).status) : `GET ${answer.status}`;
        } catch {
          status = 'unreadable';
        }
        statuses[status] = (statuses[status] ?? 0) + 1;
        if (status !== 'CONFIRMED' && notConfirmedSample.length < 10) notConfirmedSample.push({ reservationId, status });
      }
    };
    await Promise.all(Array.from({ length: this.concurrency }, () => reader()));
    return { checked: reservationIds.length, statuses, notConfirmedSample };
  }

  close(): void {
    this.client.close();
    this.internalClient.close();
  }
}
