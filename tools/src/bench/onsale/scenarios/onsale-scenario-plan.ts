import type { LatencySummary } from '../../shared/load/latency-summary';
import type { RecordedCalls } from '../../shared/load/outcome-recorder';
import type { BenchEvent } from '../../shared/bench-event';
import type { ApiTarget } from '../../api/scenarios/api-scenario-plan';
import type { PayableReservation } from '../../worker/scenarios/worker-scenario-plan';

/*
 * What the on-sale benchmark asks of its load-generator processes (JSON on stdin) and what they
 * answer (one JSON line on stdout). Plain data both ways. The sale runs in two processes at once:
 * the watchers (Server-Sent Events) and the buyers, so neither's event loop delays the other's
 * clock; the command coordinates them through two files (watchers connected; stop watching).
 * Every instant is epoch milliseconds (Date.now()): the processes share the machine's clock, and
 * the seat map's `as_of` is on the same clock.
 */

/** How the buyers are made up. */
export interface BuyerMix {
  readonly buyers: number;
  /** Share of buyers asking for best-available seats (`qty`); the others pick seats from the map. */
  readonly bestAvailableShare: number;
  /** Share of best-available buyers who name a section (`section_id`). */
  readonly sectionPreferenceShare: number;
  /** How many seats a party wants: weights of 1, 2, 3, 4 seats. */
  readonly partySizeWeights: readonly number[];
  /** Attempts per buyer (map reads that found nothing, and refused POSTs, each count) before they give up. */
  readonly maxTries: number;
  /** Share of winners who cancel their reservation after a pause (during the sale). */
  readonly cancelShare: number;
  /** How long a cancelling winner thinks first, ms (uniform in the range). */
  readonly cancelAfterMs: readonly [number, number];
  /** Share of winners who pay (confirmed after the sale, as the worker would on the payment's approval). */
  readonly payShare: number;
}

export type OnSaleScenarioPlan =
  | {
      /**
       * `watchers` clients of GET /v1/events/{id}/seats/stream, one user each. The first (the
       * recorder) takes the snapshot and keeps every change; the others join with the recorder's
       * Last-Event-ID, as pages that loaded the map already resume, so 2,000 whole-map snapshots do
       * not dominate the run. `sampled` of them (the recorder included) note when each event
       * arrived; the rest only count events. Writes `readyFile` once all are connected and stops
       * when `stopFile` appears (or after `maxDurationMs`).
       */
      readonly scenario: 'onsale-watchers';
      readonly target: ApiTarget;
      readonly eventId: string;
      readonly watchers: number;
      readonly sampled: number;
      readonly connectConcurrency: number;
      readonly readyFile: string;
      readonly stopFile: string;
      readonly maxDurationMs: number;
    }
  | {
      /**
       * The buyers of the on-sale, admitted `concurrency` at a time (a waiting room): each one's
       * whole journey (read the map, POST, try again, maybe cancel) before the next is let in.
       * No buyer is admitted after `maxDurationMs`.
       */
      readonly scenario: 'onsale-buyers';
      readonly target: ApiTarget;
      readonly event: BenchEvent;
      readonly mix: BuyerMix;
      readonly concurrency: number;
      readonly maxDurationMs: number;
      /** Seed of the buyers' choices, so two runs make the same mix. */
      readonly seed: number;
    }
  | {
      /** Approved payments reported on the API's internal endpoint, as the worker reports them. */
      readonly scenario: 'onsale-payments';
      readonly target: ApiTarget;
      readonly internalBaseUrl: string;
      readonly reservations: readonly PayableReservation[];
      readonly concurrency: number;
    }
  | {
      /**
       * The bare DynamoDB ceiling for the sale's holds: exactly `holdSizes.length` hold-shaped
       * TransactWriteItems, with those seat counts in that order, `concurrency` at a time, after a
       * short warm-up; timed from the first to the last.
       */
      readonly scenario: 'onsale-ceiling';
      readonly aws: { readonly region: string; readonly dynamodbEndpoint: string };
      readonly tables: { readonly seatsTable: string; readonly holdsTable: string };
      readonly concurrency: number;
      readonly warmupMs: number;
      readonly holdSizes: readonly number[];
    };

/** A seat of the recorder's snapshot: `[seatId, sectionId, rowId, number, status]`. */
export type SnapshotSeat = readonly [string, string, string, number, string];

/** One `seats` event as the recorder received it. */
export interface RecordedChange {
  readonly version: number;
  /** The reading's `as_of`. */
  readonly asOf: number;
  readonly receivedAt: number;
  /** `[seatId, status]` of every seat that changed. */
  readonly seats: readonly (readonly [string, string])[];
  /** AVAILABLE seats of the whole event after this change (from its section counts). */
  readonly available: number;
}

/** A POST the inventory refused (409), and what it asked for. */
export interface RefusedPost {
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly code: string;
  readonly qty: number;
  readonly sectionId?: string;
  /** The seats asked for (a seat-map buyer). */
  readonly seatIds?: readonly string[];
}

/** A 201. */
export interface GrantedPost {
  readonly reservationId: string;
  readonly sentAt: number;
  readonly answeredAt: number;
  readonly seatIds: readonly string[];
  readonly amount: number;
  readonly currency: string;
  readonly bestAvailable: boolean;
}

/** Requests of one second of the sale (second 0 starts with the first buyer). */
export interface SaleSecond {
  readonly posts: number;
  readonly created: number;
  readonly refused: number;
  readonly seatsGranted: number;
  readonly seatsCancelled: number;
  readonly seatMapReads: number;
  readonly serverErrors: number;
  readonly requests: number;
}

/** A 5xx (or a request that got no answer), and when. */
export interface FailedRequest {
  readonly endpoint: string;
  readonly outcome: string;
  readonly sentAt: number;
}

export type OnSaleScenarioResult =
  | {
      readonly scenario: 'onsale-watchers';
      /** Watchers the server answered (200 and a stream). */
      readonly connected: number;
      /** Connections that failed, or answers other than 200. */
      readonly failedToConnect: number;
      /** Requests the server never answered before the stop (it answers with the first event after a resume). */
      readonly neverAnswered: number;
      readonly connectErrors: readonly string[];
      /** Watchers whose stream ended or failed before the stop. */
      readonly droppedEarly: number;
      /** `snapshot` events received beyond the recorder's (a watcher that could not resume). */
      readonly extraSnapshots: number;
      /** `seats` events per watcher: total, fewest, most. */
      readonly seatEvents: { readonly total: number; readonly min: number; readonly max: number };
      readonly bytesReceived: number;
      readonly snapshot: { readonly version: number; readonly asOf: number; readonly seats: readonly SnapshotSeat[] };
      readonly changes: readonly RecordedChange[];
      /** For each sampled watcher (the recorder first): version → when it arrived. */
      readonly sampledArrivals: readonly Readonly<Record<string, number>>[];
    }
  | {
      readonly scenario: 'onsale-buyers';
      readonly startedAt: number;
      readonly endedAt: number;
      readonly admitted: number;
      readonly notAdmitted: number;
      /** How each admitted buyer's journey ended: `won`, `gave up`, `saw no seats`, `error`. */
      readonly journeys: Readonly<Record<string, number>>;
      readonly granted: readonly GrantedPost[];
      readonly refused: readonly RefusedPost[];
      readonly cancelled: readonly { readonly reservationId: string; readonly answeredAt: number; readonly seats: number }[];
      readonly failed: readonly FailedRequest[];
      readonly perSecond: readonly SaleSecond[];
      /** Latency by endpoint (`POST /v1/reservations`, `GET seats`, `POST cancel`) by outcome. */
      readonly calls: Readonly<Record<string, RecordedCalls>>;
      /** Latency by endpoint, every outcome together. */
      readonly latencyMs: Readonly<Record<string, LatencySummary>>;
      /** Winners chosen to pay after the sale. */
      readonly payers: readonly PayableReservation[];
    }
  | {
      readonly scenario: 'onsale-payments';
      /** Each payment by its last answer. */
      readonly run: RecordedCalls;
      /** Every 5xx answer or request without one, retried ones included. */
      readonly serverErrors: number;
    }
  | { readonly scenario: 'onsale-ceiling'; readonly run: RecordedCalls; readonly elapsedMs: number; readonly holds: number };
