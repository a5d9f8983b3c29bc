import * as contract from '@ticketing/inventory-contract';
import type {
  EventDefinition,
  Hold,
  HoldStatus,
  Money,
  ReleaseReason,
  SeatPlacement,
  SeatSelection,
  SeatStatus,
  StoredEvent,
} from '@ticketing/inventory-domain';
import { TicketingError } from '@ticketing/errors';

/*
 * Translation between the wire (ts-proto messages) and the domain. Only this file knows both
 * shapes; unset proto fields become `undefined`, and invalid enum values become validation errors.
 */

const invalid = (field: string, message: string) => new TicketingError('VALIDATION_FAILED', message, { details: { field } });

export function moneyFromProto(money: contract.Money | undefined, field: string): Money {
  if (!money) throw invalid(field, `${field} is required.`);
  return { amountMinor: money.amountMinor, currency: money.currency };
}

export function moneyToProto(money: Money): contract.Money {
  return { amountMinor: money.amountMinor, currency: money.currency };
}

export function eventDefinitionFromProto(request: contract.CreateEventRequest): EventDefinition {
  return {
    eventId: request.eventId,
    name: request.name,
    venue: request.venue,
    saleStartsAt: request.saleStartsAt,
    saleEndsAt: request.saleEndsAt,
    sections: request.sections.map((section, sectionIndex) => ({
      sectionId: section.sectionId,
      name: section.name,
      price: moneyFromProto(section.price, `sections[${sectionIndex}].price`),
      rows: section.rows.map((row) => ({
        rowId: row.rowId,
        seats: row.seats.map((seat) => ({
          seatId: seat.seatId,
          number: seat.number,
          priceOverride: seat.priceOverride ? moneyFromProto(seat.priceOverride, 'price_override') : undefined,
          blocked: seat.blocked,
        })),
      })),
    })),
  };
}

export function eventToProto(event: StoredEvent): contract.Event {
  return {
    eventId: event.eventId,
    name: event.name,
    venue: event.venue,
    saleStartsAt: event.saleStartsAt,
    saleEndsAt: event.saleEndsAt,
    sections: event.sections.map((section) => ({
      sectionId: section.sectionId,
      name: section.name,
      price: moneyToProto(section.price),
      rowCount: section.rowCount,
      seatCount: section.seatCount,
    })),
    seatCount: event.seatCount,
    createdAt: event.createdAt,
  };
}

export function selectionFromProto(selection: contract.HoldSeatsRequest['selection']): SeatSelection | undefined {
  if (!selection) return undefined;
  if (selection.$case === 'seatIds') return { kind: 'seat-ids', seatIds: selection.value.seatIds };
  return {
    kind: 'best-available',
    quantity: selection.value.quantity,
    sectionId: selection.value.sectionId || undefined,
    allowSplit: selection.value.allowSplit ?? false,
  };
}

const seatStatusToProto: Record<SeatStatus, contract.SeatStatus> = {
  AVAILABLE: contract.SeatStatus.AVAILABLE,
  HELD: contract.SeatStatus.HELD,
  SOLD: contract.SeatStatus.SOLD,
  BLOCKED: contract.SeatStatus.BLOCKED,
};

export function seatToProto(placement: SeatPlacement, status: SeatStatus): contract.Seat {
  return {
    seatId: placement.seatId,
    sectionId: placement.sectionId,
    rowId: placement.rowId,
    number: placement.number,
    price: moneyToProto(placement.price),
    status: seatStatusToProto[status],
  };
}

const holdStatusToProto: Record<HoldStatus, contract.HoldStatus> = {
  ACTIVE: contract.HoldStatus.ACTIVE,
  COMMITTED: contract.HoldStatus.COMMITTED,
  RELEASED: contract.HoldStatus.RELEASED,
  EXPIRED: contract.HoldStatus.EXPIRED,
};

const seatStatusOfHold: Record<HoldStatus, SeatStatus> = {
  ACTIVE: 'HELD',
  COMMITTED: 'SOLD',
  RELEASED: 'AVAILABLE',
  EXPIRED: 'AVAILABLE',
};

const releaseReasonToProto: Record<ReleaseReason, contract.ReleaseReason> = {
  USER_CANCELLED: contract.ReleaseReason.USER_CANCELLED,
  PAYMENT_FAILED: contract.ReleaseReason.PAYMENT_FAILED,
  EXPIRED: contract.ReleaseReason.EXPIRED,
  RESERVATION_FAILED: contract.ReleaseReason.RESERVATION_FAILED,
};

/** A hold as callers see it; `status` is the effective one (an ACTIVE hold past expiry is EXPIRED). */
export function holdToProto(hold: Hold, effectiveStatus: HoldStatus): contract.Hold {
  return {
    holdId: hold.holdId,
    eventId: hold.eventId,
    userId: hold.userId,
    status: holdStatusToProto[effectiveStatus],
    seats: hold.seats.map((seat) => seatToProto(seat, seatStatusOfHold[effectiveStatus])),
    total: moneyToProto(hold.total),
    createdAt: hold.createdAt,
    expiresAt: hold.expiresAt,
    paymentReference: hold.paymentReference ?? '',
    releaseReason: hold.releaseReason ? releaseReasonToProto[hold.releaseReason] : contract.ReleaseReason.UNSPECIFIED,
  };
}

export function releaseReasonFromProto(reason: contract.ReleaseReason): ReleaseReason {
  const match = (Object.entries(releaseReasonToProto) as [ReleaseReason, contract.ReleaseReason][]).find(
    ([, value]) => value === reason,
  );
  if (!match) throw invalid('reason', 'reason must be one of USER_CANCELLED, PAYMENT_FAILED, EXPIRED, RESERVATION_FAILED.');
  return match[0];
}

/** A Duration as milliseconds; undefined when unset. */
export function durationToMs(duration: contract.Duration | undefined): number | undefined {
  return duration ? duration.seconds * 1_000 + Math.floor(duration.nanos / 1e6) : undefined;
}
