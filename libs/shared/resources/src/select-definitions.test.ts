import { describe, expect, it } from 'vitest';
import { UnknownResourceError } from './resource-definition.errors';
import { resourceDefinitions } from './resource-definitions';
import { selectDefinitions } from './select-definitions';

const names = (definitions: readonly { logicalName: string }[]) => definitions.map((d) => d.logicalName);

describe('selectDefinitions', () => {
  it('returns everything without a selection', () => {
    expect(selectDefinitions(resourceDefinitions)).toBe(resourceDefinitions);
  });

  it('selects only the named tables and nothing of other kinds', () => {
    const selected = selectDefinitions(resourceDefinitions, { tables: ['orders', 'reservations'] });
    expect(names(selected.tables)).toEqual(['reservations', 'orders']);
    expect([selected.queues, selected.eventBuses, selected.rules]).toEqual([[], [], []]);
  });

  it('adds the bus, target queue and dead-letter queue of a selected rule', () => {
    const selected = selectDefinitions(resourceDefinitions, { rules: ['reservation-expired'] });
    expect(names(selected.rules)).toEqual(['reservation-expired']);
    expect(names(selected.eventBuses)).toEqual(['ticketing']);
    expect(names(selected.queues)).toEqual(['reservation-worker-dlq', 'reservation-worker']);
    expect(selected.tables).toEqual([]);
  });

  it('rejects unknown names', () => {
    expect(() => selectDefinitions(resourceDefinitions, { tables: ['seats'] })).toThrow(UnknownResourceError);
  });
});
