import { exhausted } from '../../shared/load/closed-loop';
import { seatGroups } from '../../shared/bench-event';
import { benchHoldId, connectInventory, failureOutcome } from './inventory-connection';
import type { BenchEvent } from '../../shared/bench-event';
import type { InventoryTarget, PlacedBenchHold } from './scenario-plan';

/** The successful-hold workload, ready to run in closed-loop windows. */
export interface UncontendedHolds {
  /** One HoldSeats call: `held`, a failure outcome, or `exhausted` when the event has no free group left. */
  operation(worker: number): Promise<string>;
  /** The first holds placed, up to `keepHolds`. */
  readonly kept: readonly PlacedBenchHold[];
  seatsLeft(): number;
  close(): void;
}

/**
 * Successful holds: every call asks for the next group of adjacent seats nobody asked for yet,
 * so each is one Redis claim plus one DynamoDB transaction that succeeds. Groups are handed out
 * round-robin across sections (see seatGroups), like an on-sale burst spread over the venue.
 */
export function prepareUncontendedHolds(options: {
  readonly target: InventoryTarget;
  readonly event: BenchEvent;
  readonly seatsPerHold: number;
  readonly keepHolds: number;
}): UncontendedHolds {
  const groups = seatGroups(options.event, options.seatsPerHold);
  const inventory = connectInventory(options.target);
  const kept: PlacedBenchHold[] = [];
  let next = 0;
  return {
    kept,
    seatsLeft: () => (groups.length - next) * options.seatsPerHold,
    close: () => inventory.close(),
    async operation(worker) {
      const group = groups[next];
      if (!group) return exhausted;
      next += 1;
      const holdId = benchHoldId();
      const userId = `bench-user-${worker}`;
      try {
        await inventory.rpc.holdSeats({
          holdId,
          eventId: options.event.eventId,
          userId,
          selection: { $case: 'seatIds', value: { seatIds: [...group.seatIds] } },
          ttl: undefined,
        });
      } catch (error) {
        return failureOutcome(error);
      }
      if (kept.length < options.keepHolds) kept.push({ holdId, userId, sectionId: group.sectionId, seatIds: group.seatIds });
      return 'held';
    },
  };
}
