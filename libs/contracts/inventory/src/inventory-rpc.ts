import { Metadata, type CallOptions, type ServiceError } from '@grpc/grpc-js';
import type {
  CheckAvailabilityRequest,
  CheckAvailabilityResponse,
  CommitHoldRequest,
  CommitHoldResponse,
  CreateEventRequest,
  CreateEventResponse,
  GetHoldRequest,
  GetHoldResponse,
  GetInventoryStatusRequest,
  GetInventoryStatusResponse,
  GetSeatMapRequest,
  GetSeatMapResponse,
  HoldSeatsRequest,
  HoldSeatsResponse,
  InventoryServiceClient,
  ReleaseHoldRequest,
  ReleaseHoldResponse,
} from './generated/ticketing/inventory/v1/inventory_service';

/** Request and response of each InventoryService RPC. */
interface InventoryMethods {
  createEvent: [CreateEventRequest, CreateEventResponse];
  getSeatMap: [GetSeatMapRequest, GetSeatMapResponse];
  getInventoryStatus: [GetInventoryStatusRequest, GetInventoryStatusResponse];
  checkAvailability: [CheckAvailabilityRequest, CheckAvailabilityResponse];
  holdSeats: [HoldSeatsRequest, HoldSeatsResponse];
  getHold: [GetHoldRequest, GetHoldResponse];
  commitHold: [CommitHoldRequest, CommitHoldResponse];
  releaseHold: [ReleaseHoldRequest, ReleaseHoldResponse];
}

/** Per-call options: metadata (e.g. the bearer token) and a deadline. */
export interface InventoryCallOptions {
  readonly metadata?: Metadata;
  /** Milliseconds from the call's start; the call fails with DEADLINE_EXCEEDED after it. */
  readonly deadlineMs?: number;
}

/** InventoryService with promises instead of callbacks. */
export type InventoryRpc = {
  readonly [Name in keyof InventoryMethods]: (
    request: InventoryMethods[Name][0],
    options?: InventoryCallOptions,
  ) => Promise<InventoryMethods[Name][1]>;
};

const methodNames: readonly (keyof InventoryMethods)[] = [
  'createEvent',
  'getSeatMap',
  'getInventoryStatus',
  'checkAvailability',
  'holdSeats',
  'getHold',
  'commitHold',
  'releaseHold',
];

/**
 * Wraps a generated client so each RPC returns a promise; `defaults` apply to every call (a call's
 * own options win). Failures reject with the grpc-js `ServiceError` — use `readErrorDetail` on it.
 *
 * @example
 * const inventory = inventoryRpc(new InventoryServiceClient(address, credentials.createInsecure()), {
 *   deadlineMs: 250,
 * });
 * const { hold } = await inventory.holdSeats(request);
 */
export function inventoryRpc(client: InventoryServiceClient, defaults: InventoryCallOptions = {}): InventoryRpc {
  const rpc: Partial<Record<keyof InventoryMethods, unknown>> = {};
  for (const name of methodNames) {
    const method = client[name] as unknown as (
      request: unknown,
      metadata: Metadata,
      options: Partial<CallOptions>,
      callback: (error: ServiceError | null, response: unknown) => void,
    ) => unknown;
    rpc[name] = (request: unknown, options: InventoryCallOptions = {}) => {
      const metadata = options.metadata ?? defaults.metadata ?? new Metadata();
      const deadlineMs = options.deadlineMs ?? defaults.deadlineMs;
      const callOptions = deadlineMs === undefined ? {} : { deadline: new Date(Date.now() + deadlineMs) };
      return new Promise((resolve, reject) => {
        method.call(client, request, metadata, callOptions, (error, response) => (error ? reject(error) : resolve(response)));
      });
    };
  }
  return rpc as InventoryRpc;
}
