import { ruleDefinitions, type EventPatternMatch } from '@ticketing/resources';
import { markedSection } from '@ticketing/testing';
import { describe, expect, it } from 'vitest';
import { eventCatalogue } from './event-catalogue';
import { eventConsumers, renderEventDetailTables, renderEventTable } from './event-reference';
import { workerDetailTypes } from './event-types';

describe('event catalogue', () => {
  it('is documented in docs/reference exactly as it is defined', () => {
    // On failure: npm run docs:generate.
    expect(markedSection('docs/reference/events.md', 'events')).toBe(renderEventTable());
    expect(markedSection('docs/reference/events.md', 'event-details')).toBe(renderEventDetailTables());
  });

  it('names each event once', () => {
    const detailTypes = eventCatalogue.map((event) => event.detailType);
    expect(new Set(detailTypes).size).toBe(detailTypes.length);
  });

  it('knows every event a rule routes', () => {
    const literals = (values: unknown) => (Array.isArray(values) ? (values as EventPatternMatch[]) : []);
    for (const rule of ruleDefinitions) {
      for (const source of literals(rule.eventPattern['source'])) {
        for (const detailType of literals(rule.eventPattern['detail-type'])) {
          expect(eventCatalogue, `${rule.logicalName}: ${String(source)} / ${String(detailType)}`).toContainEqual(
            expect.objectContaining({ source, detailType }),
          );
        }
      }
    }
  });

  it('routes to the worker exactly the events it handles, from their sources', () => {
    const routedToWorker = eventCatalogue
      .filter((event) => eventConsumers(event).some((consumer) => consumer.service === 'reservation-worker'))
      .map((event) => [event.detailType, event.source]);
    expect(Object.fromEntries(routedToWorker)).toEqual(workerDetailTypes);
  });
});
