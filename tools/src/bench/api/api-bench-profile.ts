import type { DemoSection } from '@ticketing/testing';
import { benchSections, type LoadShape } from '../shared/bench-event';

/** Everything that sizes one API benchmark run. */
export interface ApiBenchProfile {
  readonly mode: 'full' | 'quick';
  /** Seats per reservation (adjacent, one row). */
  readonly seatsPerHold: number;
  /** Closed-loop steps of growing concurrency that find the sustained reservation rate. */
  readonly saturation: {
    readonly concurrencySteps: readonly number[];
    readonly firstWarmupMs: number;
    readonly step: { readonly warmupMs: number; readonly durationMs: number };
    /** The search stops after a step that failed more than this share of its calls. */
    readonly maxFailureShare: number;
  };
  /** The open-loop run at a fraction of the saturation rate. */
  readonly atRate: {
    readonly fractionOfSaturation: number;
    readonly warmupMs: number;
    readonly durationMs: number;
    readonly maxInFlight: number;
  };
  /**
   * The same open loop at a low fixed rate, where nothing queues: the API's own time per POST is
   * its round trips and CPU, not waiting behind other requests for the emulator's cores.
   */
  readonly lightLoad: {
    readonly ratePerSecond: number;
    readonly warmupMs: number;
    readonly durationMs: number;
    readonly maxInFlight: number;
  };
  readonly contended: LoadShape;
  /** Whole-event seat maps in closed-loop steps, until a step fails more than `maxFailureShare`. */
  readonly seatMap: {
    readonly concurrencySteps: readonly number[];
    readonly step: { readonly warmupMs: number; readonly durationMs: number };
    readonly maxFailureShare: number;
  };
  /** Groups held in the seat-map event before it is measured, so the map is not all AVAILABLE. */
  readonly seatMapHeldGroups: number;
  /** The event the successful reservations spread over: big enough for every step and the open-loop run. */
  readonly largeEvent: readonly DemoSection[];
  /** The small event whose every seat is held before the contended scenario asks for them. */
  readonly contendedEvent: readonly DemoSection[];
  /** The event whose whole seat map is fetched. */
  readonly seatMapEvent: readonly DemoSection[];
}

/**
 * The real run, ~2 minutes on a 2-core box. 38,400 seats are 19,200 two-seat reservations: the
 * saturation steps (39 s of load), the open-loop run (12 s at 70 %) at up to ~380/s and the
 * light-load run (9 s at 20/s).
 */
export const fullApiProfile: ApiBenchProfile = {
  mode: 'full',
  seatsPerHold: 2,
  saturation: {
    concurrencySteps: [4, 8, 16, 32, 64, 128],
    firstWarmupMs: 3_000,
    step: { warmupMs: 1_000, durationMs: 5_000 },
    maxFailureShare: 0.05,
  },
  atRate: { fractionOfSaturation: 0.7, warmupMs: 2_000, durationMs: 10_000, maxInFlight: 256 },
  lightLoad: { ratePerSecond: 20, warmupMs: 1_000, durationMs: 8_000, maxInFlight: 32 },
  contended: { concurrency: 32, warmupMs: 1_000, durationMs: 6_000 },
  seatMap: { concurrencySteps: [1, 2, 4, 8], step: { warmupMs: 500, durationMs: 3_000 }, maxFailureShare: 0.01 },
  seatMapHeldGroups: 250,
  largeEvent: benchSections(48, 25, 32),
  contendedEvent: benchSections(1, 2, 10),
  seatMapEvent: benchSections(10, 25, 40),
};

/** The smoke-test run: every scenario for about a second on small events; numbers mean little. */
export const quickApiProfile: ApiBenchProfile = {
  mode: 'quick',
  seatsPerHold: 2,
  saturation: {
    concurrencySteps: [2, 4, 8],
    firstWarmupMs: 500,
    step: { warmupMs: 200, durationMs: 700 },
    maxFailureShare: 0.05,
  },
  atRate: { fractionOfSaturation: 0.7, warmupMs: 300, durationMs: 1_000, maxInFlight: 64 },
  lightLoad: { ratePerSecond: 10, warmupMs: 200, durationMs: 800, maxInFlight: 16 },
  contended: { concurrency: 8, warmupMs: 200, durationMs: 1_000 },
  seatMap: { concurrencySteps: [1, 4], step: { warmupMs: 100, durationMs: 500 }, maxFailureShare: 0.01 },
  seatMapHeldGroups: 10,
  largeEvent: benchSections(4, 10, 50),
  contendedEvent: benchSections(1, 1, 10),
  seatMapEvent: benchSections(2, 10, 25),
};
