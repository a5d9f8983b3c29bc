import { Metadata } from '@grpc/grpc-js';
import { demoEventRequest } from '@ticketing/testing';
import { seatCount, seatGroups, type SeatGroup } from '../bench-event';
import { benchHoldId, connectInventory } from '../../inventory/scenarios/inventory-connection';
import type { InventoryTarget } from '../../inventory/scenarios/scenario-plan';
import type { BenchEvent } from '../bench-event';

/**
 * Unmeasured preparation through the service's own API, as an organiser and earlier buyers would:
 * events are created with CreateEvent, seats are taken with HoldSeats.
 */
export class BenchSetup {
  private readonly inventory;
  private readonly admin = new Metadata();

  /** Runs `prepare` with a setup connection, closed afterwards whatever happens. */
  static async with<T>(target: InventoryTarget, adminToken: string, prepare: (setup: BenchSetup) => Promise<T>): Promise<T> {
    const setup = new BenchSetup(target, adminToken);
    try {
      return await prepare(setup);
    } finally {
      setup.close();
    }
  }

  constructor(target: InventoryTarget, adminToken: string) {
    this.inventory = connectInventory(target);
    this.admin.set('authorization', `Bearer ${adminToken}`);
  }

  /** Creates the event (idempotent by id and definition). */
  async createEvent(event: BenchEvent): Promise<void> {
    const request = demoEventRequest({ eventId: event.eventId, sections: event.sections, name: `Benchmark ${event.eventId}` });
    await this.inventory.rpc.createEvent(request, { metadata: this.admin, deadlineMs: 120_000 });
  }

  /** Creates each event in turn, saying so with its size. */
  async createEvents(events: Readonly<Record<string, BenchEvent>>, progress: (message: string) => void): Promise<void> {
    for (const event of Object.values(events)) {
      progress(`creating event ${event.eventId} (${seatCount(event).toLocaleString('en-US')} seats)`);
      await this.createEvent(event);
    }
  }

  /**
   * Holds `count` groups of `seatsPerHold` seats (all when `count` is undefined), `concurrency` at
   * a time; returns the groups held.
   * @throws the first failed hold: setup must succeed fully or the measurements mean nothing.
   */
  async holdGroups(event: BenchEvent, seatsPerHold: number, options: { count?: number; concurrency: number }): Promise<SeatGroup[]> {
    const groups = seatGroups(event, seatsPerHold).slice(0, options.count);
    let next = 0;
    const worker = async (index: number) => {
      for (let group = groups[next++]; group; group = groups[next++]) {
        await this.inventory.rpc.holdSeats({
          holdId: benchHoldId(),
          eventId: event.eventId,
          userId: `bench-setup-${index}`,
          selection: { $case: 'seatIds', value: { seatIds: [...group.seatIds] } },
          ttl: undefined,
        });
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, (_, index) => worker(index)));
    return groups;
  }

  close(): void {
    this.inventory.close();
  }
}
