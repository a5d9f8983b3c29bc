import type { BenchEvent, LoadShape } from '../../shared/bench-event';
import type { RecordedCalls } from '../../shared/load/outcome-recorder';

/*
 * What the benchmark CLI asks of one load-generator process (sent as JSON on its stdin) and what
 * the load generator answers (one JSON line on its stdout). Plain data both ways.
 */

/** A hold the uncontended scenario placed, for the lifecycle scenario to read, commit or release. */
export interface PlacedBenchHold {
  readonly holdId: string;
  readonly userId: string;
  readonly sectionId: string;
  readonly seatIds: readonly string[];
}

/** Where the inventory under test listens. */
export interface InventoryTarget {
  readonly grpcAddress: string;
}

export type ScenarioPlan =
  | {
      /**
       * Successful holds (each virtual client holds seats nobody else asks for) in windows that
       * alternate with the bare DynamoDB ceiling (hold-shaped TransactWriteItems straight from the
       * SDK), `rounds` times, at the same concurrency.
       */
      readonly scenario: 'holds-vs-ceiling';
      readonly target: InventoryTarget;
      readonly event: BenchEvent;
      readonly seatsPerHold: number;
      /** How many of the placed holds to hand back (for the lifecycle scenario). */
      readonly keepHolds: number;
      readonly rounds: number;
      /** Every window's shape; the very first window of each side warms up for `firstWarmupMs` instead. */
      readonly window: LoadShape;
      readonly firstWarmupMs: number;
      readonly aws: { readonly region: string; readonly dynamodbEndpoint: string };
      readonly tables: { readonly seatsTable: string; readonly holdsTable: string };
    }
  | {
      /** Many clients asking for seats that are all held already: every hold must be refused. */
      readonly scenario: 'contended-holds';
      readonly target: InventoryTarget;
      readonly load: LoadShape;
      readonly event: BenchEvent;
      readonly seatsPerHold: number;
    }
  | {
      /** GetHold, CheckAvailability, GetSeatMap (one section), then CommitHold or ReleaseHold, per hold. */
      readonly scenario: 'hold-lifecycle';
      readonly target: InventoryTarget;
      readonly concurrency: number;
      readonly eventId: string;
      readonly holds: readonly PlacedBenchHold[];
    }
  | {
      /** Whole-event GetSeatMap, one call at a time. */
      readonly scenario: 'seat-map';
      readonly target: InventoryTarget;
      readonly eventId: string;
      readonly warmupCalls: number;
      readonly calls: number;
    }
  | {
      /** A trivial Lua script through ioredis' defineCommand (EVALSHA): Redis' own ceiling. */
      readonly scenario: 'redis-ceiling';
      readonly load: LoadShape;
      readonly redisUrl: string;
      readonly keyPrefix: string;
    };

/** What a load generator answers. */
export type ScenarioResult =
  | {
      readonly scenario: 'holds-vs-ceiling';
      readonly holds: RecordedCalls;
      readonly ceiling: RecordedCalls;
      /** Each window's rate of successes (`held` for holds, `ok` for the ceiling), in the order run. */
      readonly windows: readonly { readonly round: number; readonly side: 'holds' | 'ceiling'; readonly perSecond: number }[];
      readonly kept: readonly PlacedBenchHold[];
      readonly seatsLeft: number;
    }
  | { readonly scenario: 'contended-holds'; readonly run: RecordedCalls }
  | { readonly scenario: 'hold-lifecycle'; readonly rpcs: Readonly<Record<string, RecordedCalls>> }
  | { readonly scenario: 'seat-map'; readonly run: RecordedCalls; readonly seatsPerResponse: number }
  | { readonly scenario: 'redis-ceiling'; readonly run: RecordedCalls };
