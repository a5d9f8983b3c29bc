import type { ServiceError } from '@grpc/grpc-js';
import { readErrorDetail, type Hold, type HoldSeatsRequest } from '@ticketing/inventory-contract';

/** What one RPC came back with: the value, or how it failed. */
export type CallOutcome<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      /** gRPC status code. */
      readonly grpcCode: number;
      /** The ErrorDetail's catalogue code; undefined for transport failures (deadline, connection). */
      readonly errorCode: string | undefined;
      readonly message: string;
    };

/** One RPC as a client saw it. */
export interface CallRecord<T> {
  /** Index of the inventory process that served it. */
  readonly via: number;
  readonly startedAt: number;
  readonly finishedAt: number;
  readonly outcome: CallOutcome<T>;
}

/** What a virtual client means to do with a hold once it has it. */
export type FollowUp =
  /** Pay at once: CommitHold, then the same CommitHold again (idempotent by payment reference). */
  | 'commit'
  /** Change of mind: ReleaseHold. */
  | 'release'
  /** Walk away from a short hold; lazy expiry and the sweeper take over. */
  | 'expire'
  /** Pay after the short hold ran out: CommitHold must be refused. */
  | 'late-commit'
  /** Send the same HoldSeats again (a client retry after a lost answer), then release. */
  | 'retry'
  /** Send the same HoldSeats twice at once (a retry racing the original), then release. */
  | 'concurrent-retry';

/** Everything the test did with one hold id, in order. */
export interface HoldRecord {
  readonly holdId: string;
  readonly request: HoldSeatsRequest;
  readonly followUp: FollowUp;
  readonly holdCalls: CallRecord<Hold>[];
  readonly commitCalls: (CallRecord<Hold> & { readonly paymentReference: string })[];
  readonly releaseCalls: CallRecord<Hold>[];
}

/** Catalogue codes after which the service promises that nothing was written. */
export const definitiveHoldFailures: ReadonlySet<string> = new Set(['INVENTORY_CONFLICT', 'VALIDATION_FAILED']);

/**
 * Runs one RPC and records it; never throws, so a virtual client's loop goes on whatever happens.
 * A transport failure (deadline, lost connection) is recorded without an error code: its effect
 * on the server is unknown, and the invariant checker treats it so.
 */
export async function recordCall<T>(via: number, call: () => Promise<T>): Promise<CallRecord<T>> {
  const startedAt = Date.now();
  try {
    const value = await call();
    return { via, startedAt, finishedAt: Date.now(), outcome: { ok: true, value } };
  } catch (error) {
    const serviceError = error as Partial<ServiceError>;
    return {
      via,
      startedAt,
      finishedAt: Date.now(),
      outcome: {
        ok: false,
        grpcCode: serviceError.code ?? -1,
        errorCode: readErrorDetail(error)?.code,
        message: serviceError.details ?? String(error),
      },
    };
  }
}

/** The successful HoldSeats answers of a hold id. */
export function heldResponses(record: HoldRecord): Hold[] {
  return record.holdCalls.flatMap((call) => (call.outcome.ok ? [call.outcome.value] : []));
}

/** The catalogue code a call failed with, or undefined when it succeeded or failed in transport. */
export function failureCode(call: CallRecord<unknown>): string | undefined {
  return call.outcome.ok ? undefined : call.outcome.errorCode;
}
