import type { DemoSection } from '@ticketing/testing';
import { benchSections, type LoadShape } from '../shared/bench-event';
import type { BuyerMix } from './scenarios/onsale-scenario-plan';

/** Everything that sizes one on-sale run. */
export interface OnSaleProfile {
  readonly mode: 'full' | 'quick';
  /** The event that goes on sale. */
  readonly saleEvent: readonly DemoSection[];
  readonly mix: BuyerMix;
  /** Buyers in the waiting room at once (each one's journey before the next is let in). */
  readonly buyerConcurrency: number;
  /** No buyer is admitted after this long. */
  readonly saleLimitMs: number;
  readonly watchers: number;
  /** Watchers that time every event's arrival (the recorder among them). */
  readonly sampledWatchers: number;
  readonly watcherConnectConcurrency: number;
  /** How long the watchers keep listening after the last buyer, for the last changes to arrive. */
  readonly streamGraceMs: number;
  /** Contended holds straight on the inventory's gRPC, then contended POSTs on the API, each this shape. */
  readonly contended: LoadShape;
  /** The small event whose every seat is held before the contended phases ask for them. */
  readonly contendedEvent: readonly DemoSection[];
  readonly contendedSeatsPerHold: number;
  /** The bare DynamoDB ceiling for the sale's holds: clients in flight and warm-up. */
  readonly ceiling: { readonly concurrency: number; readonly warmupMs: number };
  readonly paymentConcurrency: number;
  /** `--kill-redis`: Redis is killed once the sale has granted this share of the holds it is expected to, and started again (empty) this long after. */
  readonly redisOutage: { readonly killAfterHeldShare: number; readonly downMs: number };
}

const mix = {
  bestAvailableShare: 0.6,
  sectionPreferenceShare: 0.3,
  partySizeWeights: [20, 45, 15, 20],
  maxTries: 3,
  cancelShare: 0.1,
  cancelAfterMs: [1_500, 3_000],
  payShare: 0.1,
} as const;

/**
 * The real run, ~2–3 minutes on a 2-core box: a 10,000-seat event (40 sections of 10 rows × 25
 * seats) for 20,000 buyers, 2,000 watchers.
 */
export const fullOnSaleProfile: OnSaleProfile = {
  mode: 'full',
  saleEvent: benchSections(40, 10, 25),
  mix: { ...mix, buyers: 20_000 },
  buyerConcurrency: 16,
  saleLimitMs: 90_000,
  watchers: 2_000,
  sampledWatchers: 20,
  watcherConnectConcurrency: 50,
  streamGraceMs: 2_500,
  contended: { concurrency: 32, warmupMs: 1_000, durationMs: 4_000 },
  contendedEvent: benchSections(1, 2, 10),
  contendedSeatsPerHold: 2,
  ceiling: { concurrency: 32, warmupMs: 1_000 },
  paymentConcurrency: 16,
  redisOutage: { killAfterHeldShare: 0.25, downMs: 10_000 },
};

/** The smoke-test run: 600 buyers for a 400-seat event, 20 watchers, a few seconds of sale. */
export const quickOnSaleProfile: OnSaleProfile = {
  mode: 'quick',
  saleEvent: benchSections(4, 5, 20),
  mix: { ...mix, buyers: 600 },
  buyerConcurrency: 8,
  saleLimitMs: 40_000,
  watchers: 20,
  sampledWatchers: 5,
  watcherConnectConcurrency: 10,
  streamGraceMs: 2_000,
  contended: { concurrency: 8, warmupMs: 200, durationMs: 1_000 },
  contendedEvent: benchSections(1, 1, 10),
  contendedSeatsPerHold: 2,
  ceiling: { concurrency: 8, warmupMs: 300 },
  paymentConcurrency: 4,
  redisOutage: { killAfterHeldShare: 0.2, downMs: 3_000 },
};
