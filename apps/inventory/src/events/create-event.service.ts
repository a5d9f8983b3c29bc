import {
  buildEventLayout,
  layoutFingerprint,
  validateEventDefinition,
  type EventDefinition,
  type StoredEvent,
} from '@ticketing/inventory-domain';
import type { EventStore } from '@ticketing/inventory-seat-store';
import type { EventCatalog } from './event-catalog';

/**
 * Creates an event with its whole seating plan. Idempotent: the same definition again changes
 * nothing and answers `created: false`; a different definition under the same id is refused
 * (EVENT_CONFLICT). Validation happens before anything is written.
 */
export class CreateEventService {
  constructor(
    private readonly events: EventStore,
    private readonly catalog: EventCatalog,
  ) {}

  async createEvent(definition: EventDefinition, now = new Date()): Promise<{ event: StoredEvent; created: boolean }> {
    validateEventDefinition(definition);
    const layout = buildEventLayout(definition);
    const result = await this.events.createEvent(definition, layout, layoutFingerprint(definition), now);
    this.catalog.remember({ event: result.event, layout });
    return result;
  }
}
