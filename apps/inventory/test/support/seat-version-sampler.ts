import { setTimeout as sleep } from 'node:timers/promises';
import { readSeatVersions, type InventoryTables } from './inventory-snapshot';

/** Seat versions read over and over while the load runs. */
export interface SeatVersionSampler {
  /** Stops sampling and resolves with every sample taken, oldest first. */
  stop(): Promise<ReadonlyMap<string, number>[]>;
}

/**
 * Scans every seat's version every `intervalMs` until stopped, so a version that ever went down
 * mid-run is caught, not only a wrong final value. A scan that fails (an overloaded stand-in) is
 * skipped; the caller checks that enough samples were taken.
 */
export function startSeatVersionSampler(tables: InventoryTables, intervalMs: number): SeatVersionSampler {
  const samples: ReadonlyMap<string, number>[] = [];
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        samples.push(await readSeatVersions(tables));
      } catch {
        // Skipped on purpose (see above); the sample count shows it.
      }
      await sleep(intervalMs);
    }
  })();
  return {
    stop: async () => {
      stopped = true;
      await loop;
      return samples;
    },
  };
}
