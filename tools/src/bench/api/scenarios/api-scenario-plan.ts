import type { OpenLoopResult } from '../../shared/load/open-loop';
import type { RecordedCalls } from '../../shared/load/outcome-recorder';
import type { BenchEvent, LoadShape } from '../../shared/bench-event';

/*
 * What the API benchmark CLI asks of one load-generator process (JSON on its stdin) and what the
 * generator answers (one JSON line on its stdout). Plain data both ways.
 *
 * Outcomes are named after the answer: `201`, `200`, `409 INVENTORY_CONFLICT`,
 * `504 UPSTREAM_TIMEOUT`, … (status, then the error code of the body); `error` is a call that got
 * no HTTP answer at all, `client_backlog` an open-loop call the generator could not send.
 */

/** Where the API under test listens, and how its callers get tokens. */
export interface ApiTarget {
  /** `http://127.0.0.1:<port>` */
  readonly baseUrl: string;
  /** HS256 secret of the API's dev-hs256 mode; the generator mints one token per user with it. */
  readonly jwtSecret: string;
  readonly issuer: string;
  readonly audience: string;
}

export type ApiScenarioPlan =
  | {
      /**
       * POST /v1/reservations for seats nobody else asks for, one new user per reservation, in
       * closed-loop steps of growing concurrency; every step runs unless one fails more than
       * `maxFailureShare` of its calls (an early stop on "little gain" would make the maximum
       * depend on one noisy step).
       */
      readonly scenario: 'saturation';
      readonly target: ApiTarget;
      readonly event: BenchEvent;
      readonly seatsPerHold: number;
      readonly concurrencySteps: readonly number[];
      /** Warm-up of the first step (connections, JIT of both services); later steps use `step.warmupMs`. */
      readonly firstWarmupMs: number;
      readonly step: { readonly warmupMs: number; readonly durationMs: number };
      readonly maxFailureShare: number;
    }
  | {
      /** The same requests at a fixed arrival rate (open loop), on seat groups from `firstGroup` on. */
      readonly scenario: 'reservations-at-rate';
      readonly target: ApiTarget;
      readonly event: BenchEvent;
      readonly seatsPerHold: number;
      readonly firstGroup: number;
      readonly ratePerSecond: number;
      readonly warmupMs: number;
      readonly durationMs: number;
      readonly maxInFlight: number;
    }
  | {
      /** Everyone asks for groups of a few seats that are all held already: every answer should be 409 INVENTORY_CONFLICT. */
      readonly scenario: 'contended-reservations';
      readonly target: ApiTarget;
      readonly event: BenchEvent;
      readonly seatsPerHold: number;
      readonly load: LoadShape;
    }
  | {
      /**
       * GET /v1/events/{id}/seats of a whole event, in closed-loop steps of growing concurrency;
       * stops after a step in which more than `maxFailureShare` of the answers were not 200.
       */
      readonly scenario: 'api-seat-map';
      readonly target: ApiTarget;
      readonly eventId: string;
      readonly concurrencySteps: readonly number[];
      readonly step: LoadShapeWithoutConcurrency;
      readonly maxFailureShare: number;
    };

/** A closed-loop step's timing; the concurrency comes from the step list. */
export type LoadShapeWithoutConcurrency = Omit<LoadShape, 'concurrency'>;

/** One closed-loop step at a given concurrency. */
export interface ConcurrencyStep {
  readonly concurrency: number;
  readonly run: RecordedCalls;
}

/** What a load generator answers. */
export type ApiScenarioResult =
  | {
      readonly scenario: 'saturation';
      readonly steps: readonly ConcurrencyStep[];
      /** Why the search ended: `failures above …`, `last step …` (saying whether the rate still rose), `event sold out`. */
      readonly stoppedBecause: string;
      /** Seat groups handed out (warm-ups included): the next scenario starts after them. */
      readonly groupsUsed: number;
    }
  | { readonly scenario: 'reservations-at-rate'; readonly run: OpenLoopResult; readonly groupsUsed: number }
  | { readonly scenario: 'contended-reservations'; readonly run: RecordedCalls }
  | {
      readonly scenario: 'api-seat-map';
      readonly steps: readonly ConcurrencyStep[];
      /** Seats in one answer (checked on the warm-up calls) and its size in bytes. */
      readonly seatsPerResponse: number;
      readonly bytesPerResponse: number;
    };
