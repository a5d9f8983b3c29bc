import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { ApiClient, outcomeOf, type ApiAnswer } from '../../api/scenarios/api-client';
import type { PayableReservation } from '../../worker/scenarios/worker-scenario-plan';
import { freeBlocks, rowsOf, type MapSeat } from '../seat-rows';
import type { OnSaleScenarioPlan, OnSaleScenarioResult } from './onsale-scenario-plan';
import { endpoints, SaleLog } from './sale-log';

type Plan = Extract<OnSaleScenarioPlan, { scenario: 'onsale-buyers' }>;

/** A seat-map buyer picks among this many of the front-most free blocks (people want good seats, so they collide). */
const frontBlocksConsidered = 8;
/** A seat-map buyer who finds this many sections without seats for the party gives up. */
const emptySectionsBeforeLeaving = 2;
/** A cancel answered 5xx or not at all is sent again (same Idempotency-Key) after these pauses, as a person clicks again. */
const cancelRetryPausesMs = [500, 1_000, 2_000, 4_000];
/** After a 5xx (or no answer) a buyer waits about this long before the next try, as a person would. */
const pauseAfterServerErrorMs = 1_000;

/** One buyer's own view: their token, the choices their seed made, the maps they have read. */
interface Buyer {
  readonly token: string;
  readonly random: () => number;
  readonly partySize: number;
}

/** A 201's body, as far as the buyers read it. */
interface CreatedBody {
  readonly reservation_id: string;
  readonly seats: readonly { readonly seat_id: string }[];
  readonly total: { readonly amount: number; readonly currency: string };
}

/** A section map's body, as far as a buyer reads it. */
interface SectionMapBody {
  readonly seats: readonly { readonly seat_id: string; readonly row_id: string; readonly number: number; readonly status: string }[];
}

/**
 * The on-sale's buyers. A waiting room lets `concurrency` in at a time; each runs a whole journey:
 *
 * - best-available (`bestAvailableShare`): POST `{event_id, qty[, section_id]}`; INVENTORY_CONTENDED
 *   or a 5xx is tried again as it was (same Idempotency-Key); INVENTORY_CONFLICT for a named section
 *   is tried once more anywhere (a new request, a new key), and anywhere means sold out for them;
 * - the others read one section's map (GET …/seats?section_id=, with If-None-Match once they hold
 *   its ETag), pick a block of their party's size among the front-most free ones, and POST
 *   `seat_ids`; refused, they read the map again (304 keeps their copy, minus the seats just lost)
 *   and pick again; a section without seats for them sends them to another, two such and they leave.
 *
 * Each attempt counts against `maxTries`. Winners cancel (`cancelShare`, after a pause, without
 * holding a place in the waiting room), are listed to pay after the sale (`payShare`), or keep
 * their hold, which expires long after the run. Every buyer is a new user with a new token.
 */
export async function runOnSaleBuyers(plan: Plan): Promise<OnSaleScenarioResult> {
  const { mix, event } = plan;
  const client = new ApiClient(plan.target, plan.concurrency * 2, 'buy');
  const log = new SaleLog();
  const sectionIds = event.sections.map((section) => section.sectionId);
  const journeys: Record<string, number> = {};
  const payers: PayableReservation[] = [];
  const cancels = new Set<Promise<void>>();
  const deadline = log.startedAt + plan.maxDurationMs;
  let next = 0;

  const post = async (body: Record<string, unknown>, buyer: Buyer, idempotencyKey: string) =>
    log.timed(
      endpoints.post,
      () =>
        client.send(
          'POST',
          '/v1/reservations',
          { authorization: `Bearer ${buyer.token}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
          JSON.stringify(body),
        ),
      (answer) => outcomeOf(answer, 201),
    );

  const won = (buyer: Buyer, answer: ApiAnswer, request: { sentAt: number; answeredAt: number }, bestAvailable: boolean) => {
    const body = JSON.parse(answer.body.toString('utf8')) as CreatedBody;
    log.won({
      reservationId: body.reservation_id,
      sentAt: request.sentAt,
      answeredAt: request.answeredAt,
      seatIds: body.seats.map((seat) => seat.seat_id),
      amount: body.total.amount,
      currency: body.total.currency,
      bestAvailable,
    });
    const choice = buyer.random();
    if (choice < mix.cancelShare) {
      const [shortest, longest] = mix.cancelAfterMs;
      const cancel = cancelLater(body.reservation_id, body.seats.length, buyer, shortest + buyer.random() * (longest - shortest));
      cancels.add(cancel);
      void cancel.finally(() => cancels.delete(cancel));
    } else if (choice < mix.cancelShare + mix.payShare) {
      payers.push({ reservationId: body.reservation_id, amount: body.total.amount, currency: body.total.currency });
    }
    return 'won';
  };

  const cancelLater = async (reservationId: string, seats: number, buyer: Buyer, afterMs: number) => {
    await sleep(afterMs);
    const idempotencyKey = randomUUID();
    for (let attempt = 0; attempt <= cancelRetryPausesMs.length; attempt += 1) {
      if (attempt > 0) await sleep(cancelRetryPausesMs[attempt - 1] ?? 0);
      const { request } = await log.timed(
        endpoints.cancel,
        () =>
          client.send(
            'POST',
            `/v1/reservations/${encodeURIComponent(reservationId)}/cancel`,
            { authorization: `Bearer ${buyer.token}`, 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
            '{}',
          ),
        (answer) => outcomeOf(answer, 200),
      );
      if (request.outcome === '200') {
        log.cancelledReservation(reservationId, request.answeredAt, seats);
        return;
      }
      if (!isRetryable(request.outcome)) return;
    }
  };

  const bestAvailableJourney = async (buyer: Buyer): Promise<string> => {
    let sectionId = buyer.random() < mix.sectionPreferenceShare ? pick(sectionIds, buyer.random) : undefined;
    let idempotencyKey = randomUUID();
    for (let tries = 0; tries < mix.maxTries; tries += 1) {
      const body = { event_id: event.eventId, qty: buyer.partySize, ...(sectionId ? { section_id: sectionId } : {}) };
      const { answer, request } = await post(body, buyer, idempotencyKey);
      if (answer?.status === 201) return won(buyer, answer, request, true);
      if (isRefusal(request.outcome)) {
        log.refusedPost({ ...times(request), code: codeOf(request.outcome), qty: buyer.partySize, ...(sectionId ? { sectionId } : {}) });
        if (request.outcome !== '409 INVENTORY_CONFLICT') continue;
        if (!sectionId) return 'sold out';
        sectionId = undefined;
        idempotencyKey = randomUUID();
        continue;
      }
      if (!isRetryable(request.outcome)) return `failed (${request.outcome})`;
      await pauseAfterServerError(buyer);
    }
    return 'gave up';
  };

  const seatMapJourney = async (buyer: Buyer): Promise<string> => {
    const maps = new Map<string, { etag: string; rows: MapSeat[][] }>();
    const lost = new Set<string>();
    const emptySections = new Set<string>();
    let sectionId = pick(sectionIds, buyer.random);
    for (let tries = 0; tries < mix.maxTries; tries += 1) {
      const cached = maps.get(sectionId);
      const { answer, request } = await log.timed(
        endpoints.seatMap,
        () =>
          client.send(
            'GET',
            `/v1/events/${encodeURIComponent(event.eventId)}/seats?section_id=${encodeURIComponent(sectionId)}`,
            { authorization: `Bearer ${buyer.token}`, ...(cached ? { 'if-none-match': cached.etag } : {}) },
          ),
        (reply) => outcomeOf(reply, reply.status === 304 ? 304 : 200),
      );
      if (!answer || (answer.status !== 200 && answer.status !== 304)) {
        if (!isRetryable(request.outcome)) return `failed (${request.outcome})`;
        await pauseAfterServerError(buyer);
        continue;
      }
      const rows = answer.status === 304 && cached ? cached.rows : rowsFromMap(answer.body);
      if (answer.status === 200) maps.set(sectionId, { etag: String(answer.headers['etag'] ?? ''), rows });
      const blocks = rows.flatMap((row) => freeBlocks(row, buyer.partySize)).filter((block) => block.every((seat) => !lost.has(seat)));
      if (blocks.length === 0) {
        emptySections.add(sectionId);
        const others = sectionIds.filter((id) => !emptySections.has(id));
        if (emptySections.size >= emptySectionsBeforeLeaving || others.length === 0) return 'sold out';
        sectionId = pick(others, buyer.random);
        continue;
      }
      const block = blocks[Math.floor(buyer.random() * Math.min(blocks.length, frontBlocksConsidered))] ?? blocks[0] ?? [];
      const posted = await post({ event_id: event.eventId, seat_ids: block }, buyer, randomUUID());
      if (posted.answer?.status === 201) return won(buyer, posted.answer, posted.request, false);
      if (isRefusal(posted.request.outcome)) {
        log.refusedPost({ ...times(posted.request), code: codeOf(posted.request.outcome), qty: block.length, seatIds: block });
        for (const seat of block) lost.add(seat);
        continue;
      }
      if (!isRetryable(posted.request.outcome)) return `failed (${posted.request.outcome})`;
      await pauseAfterServerError(buyer);
    }
    return 'gave up';
  };

  const admit = async () => {
    for (let index = next++; index < mix.buyers && Date.now() < deadline; index = next++) {
      const random = seededRandom(plan.seed * 100_003 + index);
      const buyer: Buyer = {
        token: client.newUserToken(),
        random,
        partySize: 1 + weightedIndex(mix.partySizeWeights, random()),
      };
      let outcome: string;
      try {
        outcome = random() < mix.bestAvailableShare ? await bestAvailableJourney(buyer) : await seatMapJourney(buyer);
      } catch (error) {
        outcome = `failed (${error instanceof Error ? error.message.slice(0, 80) : String(error)})`;
      }
      journeys[outcome] = (journeys[outcome] ?? 0) + 1;
    }
  };

  try {
    await Promise.all(Array.from({ length: plan.concurrency }, admit));
    const endedAt = Date.now();
    while (cancels.size > 0) await Promise.all([...cancels]);
    const admitted = Object.values(journeys).reduce((sum, count) => sum + count, 0);
    return {
      scenario: 'onsale-buyers',
      startedAt: log.startedAt,
      endedAt,
      admitted,
      notAdmitted: mix.buyers - admitted,
      journeys,
      granted: log.granted,
      refused: log.refused,
      cancelled: log.cancelled,
      failed: log.failed,
      perSecond: log.perSecond(),
      calls: log.calls(),
      latencyMs: log.latencySummaries(),
      payers,
    };
  } finally {
    client.close();
  }
}

/** The inventory said no: the seats are taken (CONFLICT), or someone was changing them (CONTENDED). */
function isRefusal(outcome: string): boolean {
  return outcome === '409 INVENTORY_CONFLICT' || outcome === '409 INVENTORY_CONTENDED';
}

/** What a client tries again after a pause: a 5xx, no answer, or its own request still running (Retry-After). */
function isRetryable(outcome: string): boolean {
  return outcome === 'error' || outcome.startsWith('5') || outcome === '409 IDEMPOTENCY_IN_PROGRESS';
}

function pauseAfterServerError(buyer: Buyer): Promise<void> {
  return sleep(pauseAfterServerErrorMs * (0.5 + buyer.random()));
}

function times(request: { readonly sentAt: number; readonly answeredAt: number }) {
  return { sentAt: request.sentAt, answeredAt: request.answeredAt };
}

/** `INVENTORY_CONFLICT` of `409 INVENTORY_CONFLICT`. */
function codeOf(outcome: string): string {
  return outcome.split(' ')[1] ?? outcome;
}

/** A section map's seats as rows of one section, front to back, each row by seat number. */
function rowsFromMap(body: Buffer): MapSeat[][] {
  const map = JSON.parse(body.toString('utf8')) as SectionMapBody;
  const seats = map.seats.map((seat) => ({ seatId: seat.seat_id, rowId: seat.row_id, number: seat.number, available: seat.status === 'AVAILABLE' }));
  return [...rowsOf(seats, (seat) => seat.rowId).values()];
}

function pick<T>(items: readonly T[], random: () => number): T {
  return items[Math.floor(random() * items.length)] as T;
}

/** The index a uniform `draw` in [0, 1) falls on when each index has its weight. */
function weightedIndex(weights: readonly number[], draw: number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let threshold = draw * total;
  for (const [index, weight] of weights.entries()) {
    threshold -= weight;
    if (threshold < 0) return index;
  }
  return weights.length - 1;
}

/** A seeded xorshift32 generator in [0, 1), so the same seed makes the same buyers. */
function seededRandom(seed: number): () => number {
  // Scrambled once so that neighbouring seeds start far apart; xorshift needs a state other than 0.
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) >>> 0 || 1;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state / 4_294_967_296;
  };
}
