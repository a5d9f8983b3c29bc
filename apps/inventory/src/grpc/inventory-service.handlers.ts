import type { InventoryServiceServer } from '@ticketing/inventory-contract';
import { effectiveHoldStatus, invalidField, type Hold } from '@ticketing/inventory-domain';
import type { CreateEventService } from '../events/create-event.service';
import type { HoldLifecycleService } from '../holds/hold-lifecycle.service';
import type { HoldSeatsService } from '../holds/hold-seats.service';
import type { SeatMapService } from '../seat-map/seat-map.service';
import {
  durationToMs,
  eventDefinitionFromProto,
  eventToProto,
  holdToProto,
  releaseReasonFromProto,
  seatToProto,
  selectionFromProto,
} from './proto-mapping';
import { unaryHandler, type RpcEnvironment } from './unary-handler';

/** The use cases the RPCs delegate to. */
export interface InventoryUseCases {
  readonly createEvent: CreateEventService;
  readonly seatMap: SeatMapService;
  readonly holdSeats: HoldSeatsService;
  readonly lifecycle: HoldLifecycleService;
}

/**
 * InventoryService over gRPC: translate the request, call the use case, translate the answer.
 * No decisions are made here; errors are mapped in one place (unaryHandler).
 */
export function inventoryServiceHandlers(useCases: InventoryUseCases, environment: RpcEnvironment): InventoryServiceServer {
  const asProto = (hold: Hold) => holdToProto(hold, effectiveHoldStatus(hold, new Date()));
  return {
    createEvent: unaryHandler('CreateEvent', environment, async (request) => {
      const { event, created } = await useCases.createEvent.createEvent(eventDefinitionFromProto(request));
      return { event: eventToProto(event), created };
    }),
    getSeatMap: unaryHandler('GetSeatMap', environment, async (request) => {
      required(request.eventId, 'event_id');
      const map = await useCases.seatMap.seatMap(request.eventId, request.sectionId || undefined);
      return {
        eventId: request.eventId,
        seats: map.seats.map(({ placement, status }) => seatToProto(placement, status)),
        sections: [...map.sections],
        asOf: map.asOf,
      };
    }),
    getInventoryStatus: unaryHandler('GetInventoryStatus', environment, async (request) => {
      required(request.eventId, 'event_id');
      const status = await useCases.seatMap.inventoryStatus(request.eventId);
      return { eventId: request.eventId, sections: [...status.sections], totals: status.totals, asOf: status.asOf };
    }),
    checkAvailability: unaryHandler('CheckAvailability', environment, async (request) => {
      required(request.eventId, 'event_id');
      const availability = await useCases.seatMap.checkAvailability(request.eventId, selectionFromProto(request.selection));
      return {
        available: availability.available,
        unavailableSeatIds: [...availability.unavailableSeatIds],
        availableCount: availability.availableCount,
      };
    }),
    holdSeats: unaryHandler('HoldSeats', environment, async (request, call) => {
      const { hold } = await useCases.holdSeats.holdSeats({
        holdId: request.holdId,
        eventId: request.eventId,
        userId: request.userId,
        selection: selectionFromProto(request.selection),
        ttlMs: durationToMs(request.ttl),
        answerBy: call.answerBy,
      });
      return { hold: asProto(hold) };
    }),
    getHold: unaryHandler('GetHold', environment, async (request) => {
      requiredHoldReference(request);
      return { hold: asProto(await useCases.lifecycle.getHold(request.holdId, request.userId)) };
    }),
    commitHold: unaryHandler('CommitHold', environment, async (request) => {
      requiredHoldReference(request);
      required(request.paymentReference, 'payment_reference');
      const hold = await useCases.lifecycle.commitHold(request.holdId, request.userId, request.paymentReference);
      return { hold: asProto(hold) };
    }),
    releaseHold: unaryHandler('ReleaseHold', environment, async (request) => {
      requiredHoldReference(request);
      const reason = releaseReasonFromProto(request.reason);
      return { hold: asProto(await useCases.lifecycle.releaseHold(request.holdId, request.userId, reason)) };
    }),
  };
}

function required(value: string, field: string): void {
  if (!value) throw invalidField(field, `${field} is required.`);
}

function requiredHoldReference(request: { holdId: string; userId: string }): void {
  required(request.holdId, 'hold_id');
  required(request.userId, 'user_id');
}
