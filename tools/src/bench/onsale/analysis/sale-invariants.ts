import { scanAllItems, type AwsClients } from '@ticketing/aws';
import { countBy } from '../../shared/numbers';

/** What reading the sale's tables found. */
export interface SaleInvariants {
  readonly method: string;
  readonly pass: boolean;
  /** Items read: the event's seats, its holds in the inventory, its reservations in the API. */
  readonly seats: number;
  readonly holds: number;
  readonly reservations: number;
  /** Seats by their effective status (a HELD seat whose hold ran out counts as AVAILABLE). */
  readonly seatStatuses: Readonly<Record<string, number>>;
  readonly holdStatuses: Readonly<Record<string, number>>;
  readonly reservationStatuses: Readonly<Record<string, number>>;
  /** Every violation by kind (all 0 when it passed). */
  readonly violations: {
    /** Seats two live holds (ACTIVE and unexpired, or COMMITTED) claim. */
    readonly seatsInTwoLiveHolds: number;
    /** Seats two live reservations (HOLD and unexpired, or CONFIRMED) claim. */
    readonly seatsInTwoLiveReservations: number;
    /** HELD seats not held by exactly one HOLD reservation (the one whose id is the seat's hold id). */
    readonly heldSeatsWithoutTheirReservation: number;
    /** SOLD seats not belonging to exactly one CONFIRMED reservation (the one whose id is the seat's hold id). */
    readonly soldSeatsWithoutTheirReservation: number;
    /** Live reservations whose seats are not held or sold by their own hold (double-booked or lost seats). */
    readonly reservationsWithoutTheirSeats: number;
  };
  /** Live holds in the inventory with no reservation (a request that failed after the hold): their seats count above. */
  readonly liveHoldsWithoutReservation: number;
  /** A few violating seat and reservation ids, to look at. */
  readonly samples: readonly string[];
}

export const saleInvariantsMethod =
  "after the sale, the event's items scanned straight from DynamoDB (consistent reads): the inventory's seats and holds, the " +
  "API's reservations; a seat's effective status is HELD only while its hold_expires_at is ahead (expiry is lazy); a hold is " +
  'live while ACTIVE and unexpired or COMMITTED; a reservation while HOLD and unexpired or CONFIRMED';

/** The parts of the items the check reads. */
type Item = Record<string, unknown>;

/**
 * Checks the sale's end state in DynamoDB itself (see {@link saleInvariantsMethod}): no seat held or
 * sold twice, every HELD seat belongs to exactly one HOLD reservation and every SOLD seat to exactly
 * one CONFIRMED reservation (each the seat's own hold), and every live reservation holds its seats.
 */
export async function checkSaleInvariants(
  aws: AwsClients,
  tables: { readonly seats: string; readonly holds: string; readonly reservations: string },
  eventId: string,
  now = Date.now(),
): Promise<SaleInvariants> {
  const ofEvent = (items: Item[]) => items.filter((item) => item['event_id'] === eventId);
  const [seats, holds, reservations] = await Promise.all([
    scanAllItems(aws.documents, tables.seats).then(ofEvent),
    scanAllItems(aws.documents, tables.holds).then(ofEvent),
    scanAllItems(aws.documents, tables.reservations).then(ofEvent),
  ]);
  const samples: string[] = [];
  const note = (text: string) => samples.length < 10 && samples.push(text);

  const effectiveStatus = (seat: Item) =>
    seat['status'] === 'HELD' && Number(seat['hold_expires_at'] ?? 0) <= now ? 'AVAILABLE' : String(seat['status']);
  const liveHold = (hold: Item) => (hold['status'] === 'ACTIVE' && Number(hold['expires_at']) > now) || hold['status'] === 'COMMITTED';
  const liveReservation = (reservation: Item) =>
    (reservation['status'] === 'HOLD' && Number(reservation['hold_expires_at']) > now) || reservation['status'] === 'CONFIRMED';
  const seatIdsOf = (item: Item) => (JSON.parse(String(item['seats'])) as [string, ...unknown[]][]).map((tuple) => tuple[0]);

  const claimsBy = (items: Item[], live: (item: Item) => boolean, idAttribute: string) => {
    const claims = new Map<string, Item[]>();
    for (const item of items.filter(live)) {
      for (const seatId of seatIdsOf(item)) claims.set(seatId, [...(claims.get(seatId) ?? []), item]);
    }
    const twice = [...claims].filter(([, owners]) => owners.length > 1);
    for (const [seatId, owners] of twice) note(`${seatId} claimed by ${owners.map((owner) => String(owner[idAttribute])).join(', ')}`);
    return { claims, twice: twice.length };
  };
  const holdClaims = claimsBy(holds, liveHold, 'hold_id');
  const reservationClaims = claimsBy(reservations, liveReservation, 'reservation_id');

  const seatById = new Map(seats.map((seat) => [String(seat['seat_id']), seat]));
  const ownedBy = (seat: Item, status: string) => {
    const owners = reservationClaims.claims.get(String(seat['seat_id'])) ?? [];
    return owners.length === 1 && owners[0]?.['status'] === status && owners[0]['reservation_id'] === seat['hold_id'];
  };
  let heldWithout = 0;
  let soldWithout = 0;
  for (const seat of seats) {
    const status = effectiveStatus(seat);
    if (status === 'HELD' && !ownedBy(seat, 'HOLD')) {
      heldWithout += 1;
      note(`${String(seat['seat_id'])} HELD by hold ${String(seat['hold_id'])} without its HOLD reservation`);
    } else if (status === 'SOLD' && !ownedBy(seat, 'CONFIRMED')) {
      soldWithout += 1;
      note(`${String(seat['seat_id'])} SOLD by hold ${String(seat['hold_id'])} without its CONFIRMED reservation`);
    }
  }
  let reservationsWithout = 0;
  for (const reservation of reservations.filter(liveReservation)) {
    const wanted = reservation['status'] === 'CONFIRMED' ? 'SOLD' : 'HELD';
    const theirs = seatIdsOf(reservation).every((seatId) => {
      const seat = seatById.get(seatId);
      return seat !== undefined && effectiveStatus(seat) === wanted && seat['hold_id'] === reservation['reservation_id'];
    });
    if (!theirs) {
      reservationsWithout += 1;
      note(`reservation ${String(reservation['reservation_id'])} (${String(reservation['status'])}) does not have its seats`);
    }
  }
  const reservationIds = new Set(reservations.map((reservation) => String(reservation['reservation_id'])));
  const violations = {
    seatsInTwoLiveHolds: holdClaims.twice,
    seatsInTwoLiveReservations: reservationClaims.twice,
    heldSeatsWithoutTheirReservation: heldWithout,
    soldSeatsWithoutTheirReservation: soldWithout,
    reservationsWithoutTheirSeats: reservationsWithout,
  };
  return {
    method: saleInvariantsMethod,
    pass: Object.values(violations).every((count) => count === 0),
    seats: seats.length,
    holds: holds.length,
    reservations: reservations.length,
    seatStatuses: countBy(seats, effectiveStatus),
    holdStatuses: countBy(holds, (hold) => (hold['status'] === 'ACTIVE' && !liveHold(hold) ? 'ACTIVE (expired)' : String(hold['status']))),
    reservationStatuses: countBy(reservations, (reservation) => String(reservation['status'])),
    violations,
    liveHoldsWithoutReservation: holds.filter((hold) => liveHold(hold) && !reservationIds.has(String(hold['hold_id']))).length,
    samples,
  };
}
