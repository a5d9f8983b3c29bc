import { renderMetricTable } from '@ticketing/telemetry/metric-definitions';
import { markedSection } from '@ticketing/testing';
import { expect, it } from 'vitest';
import { reservationApiMetricDefinitions } from './metrics';

it('reservation-api metrics are documented in docs/reference exactly as they are defined', () => {
  // On failure: npm run docs:generate.
  expect(markedSection('docs/reference/metrics.md', 'metrics:reservation-api')).toBe(renderMetricTable(reservationApiMetricDefinitions));
});
