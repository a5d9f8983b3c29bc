import { renderMetricTable } from '@ticketing/telemetry/metric-definitions';
import { markedSection } from '@ticketing/testing';
import { expect, it } from 'vitest';
import { inventoryMetricDefinitions } from './metrics';

it('inventory metrics are documented in docs/reference exactly as they are defined', () => {
  // On failure: npm run docs:generate.
  expect(markedSection('docs/reference/metrics.md', 'metrics:inventory')).toBe(renderMetricTable(inventoryMetricDefinitions));
});
