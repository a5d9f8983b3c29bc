/**
 * `npm run docs:generate`: rewrites the generated reference tables in docs/reference/ from the
 * code's own definitions — each app's configuration (its config schemas) and metrics (the metric
 * definitions the app creates its metrics from), the error codes (the catalogue) and the domain
 * events (the event catalogue and the EventBridge rules). Only the marked sections are touched;
 * the prose around them is written by hand. The owners' tests fail while a table differs from
 * what this writes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configReference, renderConfigTable } from '@ticketing/config';
import { renderErrorCodeTable } from '@ticketing/errors';
import { renderEventDetailTables, renderEventTable } from '@ticketing/event-contracts';
import { inventoryMetricDefinitions } from '@ticketing/inventory-config';
import { reservationApiMetricDefinitions } from '@ticketing/reservation-api-config';
import { reservationWorkerMetricDefinitions } from '@ticketing/reservation-worker-config';
import { renderMetricTable } from '@ticketing/telemetry/metric-definitions';
import { allChartDefinitions } from '../charts/chart-definitions';

const docsRoot = fileURLToPath(new URL('../../../docs/reference/', import.meta.url));

/** Each reference document and its generated sections, by marker name. */
const documents: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  'configuration.md': Object.fromEntries(
    allChartDefinitions.map((definition) => [`config:${definition.chart}`, renderConfigTable(configReference(definition.configPieces))]),
  ),
  'error-codes.md': { 'error-codes': renderErrorCodeTable() },
  'metrics.md': {
    'metrics:inventory': renderMetricTable(inventoryMetricDefinitions),
    'metrics:reservation-api': renderMetricTable(reservationApiMetricDefinitions),
    'metrics:reservation-worker': renderMetricTable(reservationWorkerMetricDefinitions),
  },
  'events.md': { events: renderEventTable(), 'event-details': renderEventDetailTables() },
};

const rewritten: string[] = [];
for (const [file, sections] of Object.entries(documents)) {
  const path = `${docsRoot}${file}`;
  const before = readFileSync(path, 'utf8');
  let after = before;
  for (const [name, content] of Object.entries(sections)) {
    const pattern = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(\\n<!-- ${name}:end -->)`);
    if (!pattern.test(after)) throw new Error(`docs/reference/${file} has no ${name} markers`);
    after = after.replace(pattern, (_match, start: string, end: string) => `${start}${content}${end}`);
  }
  if (after !== before) {
    writeFileSync(path, after);
    rewritten.push(file);
  }
}
console.log(rewritten.length === 0 ? 'docs: reference tables are up to date' : `docs: rewrote ${rewritten.join(', ')}`);
