import type { DemoSection } from '@ticketing/testing';
import { benchSections, type LoadShape } from '../shared/bench-event';

/** Everything that sizes one benchmark run. */
export interface BenchProfile {
  readonly mode: 'full' | 'quick';
  /** Virtual clients of the hold scenarios and of both ceilings (the same, so they compare). */
  readonly concurrency: number;
  /** Seats per hold; the DynamoDB ceiling writes the same number of seat updates per transaction. */
  readonly seatsPerHold: number;
  /** Successful holds and the bare DynamoDB ceiling, in alternating windows of this shape. */
  readonly holdsVersusCeiling: { readonly rounds: number; readonly window: LoadShape; readonly firstWarmupMs: number };
  readonly contendedHolds: LoadShape;
  readonly redisCeiling: LoadShape;
  /** Holds the lifecycle scenario commits or releases (each also gets GetHold, CheckAvailability, GetSeatMap). */
  readonly lifecycleHolds: number;
  readonly lifecycleConcurrency: number;
  readonly seatMapWarmupCalls: number;
  readonly seatMapCalls: number;
  /** Seats held in the seat-map event before it is measured, so the map is not all AVAILABLE. */
  readonly seatMapHeldGroups: number;
  /** The event uncontended holds spread over. */
  readonly largeEvent: readonly DemoSection[];
  /** The small event whose every seat is held before the contended scenario hammers it. */
  readonly contendedEvent: readonly DemoSection[];
  /** The event whose whole seat map is fetched. */
  readonly seatMapEvent: readonly DemoSection[];
}

/**
 * The real run: 1–2 minutes on a 2-core box. 28,672 seats leave room for ~14,000 two-seat holds:
 * the 16 s of hold windows (warm-up included) at 850/s, above what DynamoDB Local reaches here.
 */
export const fullProfile: BenchProfile = {
  mode: 'full',
  concurrency: 32,
  seatsPerHold: 2,
  holdsVersusCeiling: { rounds: 3, window: { concurrency: 32, warmupMs: 1_000, durationMs: 4_000 }, firstWarmupMs: 2_000 },
  contendedHolds: { concurrency: 32, warmupMs: 1_000, durationMs: 6_000 },
  redisCeiling: { concurrency: 32, warmupMs: 1_000, durationMs: 4_000 },
  lifecycleHolds: 800,
  lifecycleConcurrency: 32,
  seatMapWarmupCalls: 20,
  seatMapCalls: 200,
  seatMapHeldGroups: 250,
  largeEvent: benchSections(32, 28, 32),
  contendedEvent: benchSections(1, 2, 10),
  seatMapEvent: benchSections(10, 25, 40),
};

/** The smoke-test run: every scenario for a second or two on small events; numbers mean little. */
export const quickProfile: BenchProfile = {
  mode: 'quick',
  concurrency: 8,
  seatsPerHold: 2,
  holdsVersusCeiling: { rounds: 2, window: { concurrency: 8, warmupMs: 200, durationMs: 600 }, firstWarmupMs: 300 },
  contendedHolds: { concurrency: 8, warmupMs: 200, durationMs: 1_000 },
  redisCeiling: { concurrency: 8, warmupMs: 100, durationMs: 500 },
  lifecycleHolds: 40,
  lifecycleConcurrency: 8,
  seatMapWarmupCalls: 3,
  seatMapCalls: 20,
  seatMapHeldGroups: 10,
  largeEvent: benchSections(4, 10, 40),
  contendedEvent: benchSections(1, 1, 10),
  seatMapEvent: benchSections(2, 10, 25),
};
