import type { OpenLoopResult } from '../../shared/load/open-loop';

/*
 * What the worker benchmark CLI asks of one load-generator process (JSON on its stdin) and what the
 * generator answers (one JSON line on its stdout). Plain data both ways. The generator plays the
 * payment provider: it publishes `payment.approved` for reservations the CLI created, to the run's
 * bus, with PutEvents — one event per call, as the provider's integration would.
 */

/** Where the events go. */
export interface EventBusTarget {
  readonly region: string;
  /** The SQS/EventBridge emulator. */
  readonly eventBridgeEndpoint: string;
  readonly eventBusName: string;
}

/** A reservation to pay: what a payment provider knows of it. */
export interface PayableReservation {
  readonly reservationId: string;
  readonly amount: number;
  readonly currency: string;
}

/** One published `payment.approved` event. */
export interface PublishedPayment {
  readonly messageId: string;
  readonly reservationId: string;
  /**
   * When the event counts as published (epoch ms, sub-ms precision): for a backlog, when its
   * PutEvents call was sent; for the open loop, when it was DUE, so a publisher that falls behind
   * shows up in the latencies instead of hiding them.
   */
  readonly publishedAtMs: number;
  /** How long its PutEvents call took (the emulator delivers to the queue within it). */
  readonly putEventsMs: number;
}

export type WorkerScenarioPlan =
  | {
      /**
       * Publishes one event per reservation as fast as `concurrency` PutEvents calls in flight
       * allow — before the worker runs, so the queue holds a backlog for it to drain.
       */
      readonly scenario: 'publish-backlog';
      readonly target: EventBusTarget;
      readonly reservations: readonly PayableReservation[];
      readonly concurrency: number;
    }
  | {
      /**
       * Publishes at a fixed arrival rate (open loop), one event per reservation, until
       * `durationMs` is over or the reservations run out.
       */
      readonly scenario: 'publish-at-rate';
      readonly target: EventBusTarget;
      readonly reservations: readonly PayableReservation[];
      readonly ratePerSecond: number;
      readonly durationMs: number;
      readonly maxInFlight: number;
    };

/** What a load generator answers. */
export type WorkerScenarioResult =
  | {
      readonly scenario: 'publish-backlog';
      readonly published: readonly PublishedPayment[];
      /** From the first call sent to the last one answered. */
      readonly seconds: number;
      readonly failed: number;
      readonly sampleErrors: readonly string[];
    }
  | {
      readonly scenario: 'publish-at-rate';
      readonly published: readonly PublishedPayment[];
      /** The PutEvents calls by outcome (`published`, `error`, `client_backlog`), timed from when each was due. */
      readonly run: OpenLoopResult;
    };
