// A real grpc-js server and the generated client over loopback: proves the generated code and
// the ErrorDetail trailer survive the wire, not just an in-memory encode/decode.
import {
  Metadata,
  Server,
  ServerCredentials,
  credentials,
  status,
  type ServiceError,
  type handleUnaryCall,
} from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BestAvailable,
  CheckAvailabilityRequest,
  CreateEventRequest,
  HoldSeatsRequest,
  type CheckAvailabilityResponse,
  type CreateEventResponse,
  type HoldSeatsResponse,
  HoldStatus,
  InventoryServiceClient,
  InventoryServiceService,
  ReleaseReason,
  SeatStatus,
  attachErrorDetail,
  readErrorDetail,
  type Hold,
  type InventoryServiceServer,
  type Seat,
} from '../src/index';

/** Seat the in-test HoldSeats handler treats as already sold to someone else. */
const TAKEN_SEAT = 'A-13';
const createdAt = new Date('2026-05-01T10:00:00.123Z');
/** Above 2^32, so a 32-bit truncation anywhere on the path would show. */
const bigAmountMinor = 9_876_543_210;

function unimplemented<Request, Response>(): handleUnaryCall<Request, Response> {
  return (_call, callback) => callback({ code: status.UNIMPLEMENTED, details: 'not part of this test' });
}

const handlers: InventoryServiceServer = {
  createEvent: (call, callback) => {
    const { eventId, name, venue, saleStartsAt, saleEndsAt, sections } = call.request;
    callback(null, {
      created: true,
      event: {
        eventId,
        name,
        venue,
        saleStartsAt,
        saleEndsAt,
        sections: sections.map((section) => ({
          sectionId: section.sectionId,
          name: section.name,
          price: section.price,
          rowCount: section.rows.length,
          seatCount: section.rows.reduce((sum, row) => sum + row.seats.length, 0),
        })),
        seatCount: sections.flatMap((section) => section.rows.flatMap((row) => row.seats)).length,
        createdAt,
      },
    });
  },
  checkAvailability: (call, callback) => {
    const { selection } = call.request;
    if (selection?.$case !== 'bestAvailable') {
      callback({ code: status.INVALID_ARGUMENT, details: 'test handler only knows best_available' });
      return;
    }
    // Echo the oneof's content back through plain fields so the test sees what arrived.
    const availableInSection = selection.value.sectionId === 'B' ? 3 : 50;
    callback(null, {
      available: availableInSection >= selection.value.quantity,
      unavailableSeatIds: [],
      availableCount: availableInSection,
    });
  },
  holdSeats: (call, callback) => {
    const { holdId, eventId, userId, selection, ttl } = call.request;
    if (selection === undefined) {
      callback({ code: status.INVALID_ARGUMENT, details: 'selection is required' });
      return;
    }
    const seatIds =
      selection.$case === 'seatIds'
        ? selection.value.seatIds
        : Array.from({ length: selection.value.quantity }, (_, index) => `${selection.value.sectionId ?? 'A'}-${index + 1}`);
    if (seatIds.includes(TAKEN_SEAT)) {
      callback({
        code: status.ABORTED,
        details: 'seats are no longer available',
        metadata: attachErrorDetail(new Metadata(), {
          code: 'INVENTORY_CONFLICT',
          conflictingSeatIds: [TAKEN_SEAT],
          holdId,
          metadata: { available_count: '0' },
        }),
      });
      return;
    }
    const ttlMillis = ttl === undefined ? 600_000 : ttl.seconds * 1_000 + ttl.nanos / 1_000_000;
    const seats: Seat[] = seatIds.map((seatId, index) => ({
      seatId,
      sectionId: seatId.split('-')[0] ?? '',
      rowId: '1',
      number: index + 1,
      price: { amountMinor: bigAmountMinor, currency: 'EUR' },
      status: SeatStatus.HELD,
    }));
    const hold: Hold = {
      holdId,
      eventId,
      userId,
      status: HoldStatus.ACTIVE,
      seats,
      total: { amountMinor: bigAmountMinor * seats.length, currency: 'EUR' },
      createdAt,
      expiresAt: new Date(createdAt.getTime() + ttlMillis),
      paymentReference: '',
      releaseReason: ReleaseReason.UNSPECIFIED,
    };
    callback(null, { hold });
  },
  getSeatMap: unimplemented(),
  getInventoryStatus: unimplemented(),
  getHold: unimplemented(),
  commitHold: unimplemented(),
  releaseHold: unimplemented(),
};

/** Turns one callback-style unary call into a promise. */
function unary<Response>(
  invoke: (callback: (error: ServiceError | null, response: Response) => void) => void,
): Promise<Response> {
  return new Promise((resolve, reject) => {
    invoke((error, response) => (error ? reject(error) : resolve(response)));
  });
}

describe('InventoryService over a real grpc-js connection', () => {
  const server = new Server();
  let client: InventoryServiceClient;

  beforeAll(async () => {
    server.addService(InventoryServiceService, handlers);
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, boundPort) =>
        error ? reject(error) : resolve(boundPort),
      );
    });
    client = new InventoryServiceClient(`127.0.0.1:${port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    client?.close();
    await new Promise<void>((resolve) => server.tryShutdown(() => resolve()));
  });

  it('round-trips Timestamps (to the millisecond), nested layouts and Money', async () => {
    const saleStartsAt = new Date('2026-03-01T09:00:00.001Z');
    const saleEndsAt = new Date('2026-06-30T21:59:59.999Z');
    const request = CreateEventRequest.fromPartial({
      eventId: 'evt_2026_1001',
      name: 'Round Trip Live',
      venue: 'Loopback Arena',
      saleStartsAt,
      saleEndsAt,
      sections: [
        {
          sectionId: 'A',
          name: 'Floor A',
          price: { amountMinor: 4990, currency: 'EUR' },
          rows: [{ rowId: '1', seats: [{ seatId: 'A-1-1', number: 1 }, { seatId: 'A-1-2', number: 2, blocked: true }] }],
        },
      ],
    });

    const response = await unary<CreateEventResponse>((callback) =>
      client.createEvent(request, callback),
    );

    expect(response).toEqual({
      created: true,
      event: {
        eventId: 'evt_2026_1001',
        name: 'Round Trip Live',
        venue: 'Loopback Arena',
        saleStartsAt,
        saleEndsAt,
        sections: [
          { sectionId: 'A', name: 'Floor A', price: { amountMinor: 4990, currency: 'EUR' }, rowCount: 1, seatCount: 2 },
        ],
        seatCount: 2,
        createdAt,
      },
    });
  });

  it('round-trips the seat-id branch of the oneof, a Duration TTL and int64 Money', async () => {
    const request = HoldSeatsRequest.fromPartial({
      holdId: 'rsv_roundtrip_1',
      eventId: 'evt_2026_1001',
      userId: 'user_1',
      selection: { $case: 'seatIds', value: { seatIds: ['A-1', 'A-2'] } },
      ttl: { seconds: 90, nanos: 500_000_000 },
    });

    const { hold } = await unary<HoldSeatsResponse>((callback) => client.holdSeats(request, callback));

    expect(hold).toMatchObject({
      holdId: 'rsv_roundtrip_1',
      userId: 'user_1',
      status: HoldStatus.ACTIVE,
      total: { amountMinor: 2 * bigAmountMinor, currency: 'EUR' },
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 90_500),
      releaseReason: ReleaseReason.UNSPECIFIED,
    });
    expect(hold?.seats.map((seat) => [seat.seatId, seat.status, seat.price?.amountMinor])).toEqual([
      ['A-1', SeatStatus.HELD, bigAmountMinor],
      ['A-2', SeatStatus.HELD, bigAmountMinor],
    ]);
  });

  it('round-trips the best-available branch of the oneof, with and without its optional section', async () => {
    const inSection = await unary<HoldSeatsResponse>((callback) =>
      client.holdSeats(
        HoldSeatsRequest.fromPartial({
          holdId: 'rsv_roundtrip_2',
          eventId: 'evt_2026_1001',
          userId: 'user_1',
          selection: { $case: 'bestAvailable', value: { quantity: 3, sectionId: 'C' } },
        }),
        callback,
      ),
    );
    const anySection = await unary<CheckAvailabilityResponse>((callback) =>
      client.checkAvailability(
        CheckAvailabilityRequest.fromPartial({
          eventId: 'evt_2026_1001',
          selection: { $case: 'bestAvailable', value: BestAvailable.fromPartial({ quantity: 4 }) },
        }),
        callback,
      ),
    );
    const tooFewInSection = await unary<CheckAvailabilityResponse>((callback) =>
      client.checkAvailability(
        CheckAvailabilityRequest.fromPartial({
          eventId: 'evt_2026_1001',
          selection: { $case: 'bestAvailable', value: { quantity: 4, sectionId: 'B' } },
        }),
        callback,
      ),
    );

    expect(inSection.hold?.seats.map((seat) => seat.seatId)).toEqual(['C-1', 'C-2', 'C-3']);
    // No TTL sent: the handler saw `undefined`, not a zero Duration.
    expect(inSection.hold?.expiresAt).toEqual(new Date(createdAt.getTime() + 600_000));
    expect(anySection).toMatchObject({ available: true, availableCount: 50 });
    expect(tooFewInSection).toMatchObject({ available: false, availableCount: 3 });
  });

  it('delivers ABORTED with an ErrorDetail naming the conflicting seats', async () => {
    const request = HoldSeatsRequest.fromPartial({
      holdId: 'rsv_conflict',
      eventId: 'evt_2026_1001',
      userId: 'user_2',
      selection: { $case: 'seatIds', value: { seatIds: ['A-12', TAKEN_SEAT] } },
    });

    const error: unknown = await unary((callback) => client.holdSeats(request, callback)).catch(
      (rejection: unknown) => rejection,
    );

    expect(error).toMatchObject({ code: status.ABORTED, details: 'seats are no longer available' });
    expect(readErrorDetail(error)).toEqual({
      code: 'INVENTORY_CONFLICT',
      conflictingSeatIds: [TAKEN_SEAT],
      holdId: 'rsv_conflict',
      metadata: { available_count: '0' },
    });
  });

  it('reports no ErrorDetail when the server sent none', async () => {
    const error: unknown = await unary((callback) =>
      client.getHold({ holdId: 'rsv_1', userId: 'user_1' }, callback),
    ).catch((rejection: unknown) => rejection);

    expect(error).toMatchObject({ code: status.UNIMPLEMENTED });
    expect(readErrorDetail(error)).toBeUndefined();
  });
});
