import { describe, expect, it } from 'vitest';
import { counter, gauge, histogram, metricDefinitionList, renderMetricTable } from './metric-definitions';
import { createMetricsRegistry, registerMetrics } from './metrics-registry';

const definitions = {
  holds: counter({ name: 'holds_total', help: 'Holds by outcome: held | refused.', labelNames: ['outcome'] }),
  open: gauge({ name: 'circuit_open', help: '1 while open.' }),
  seconds: histogram({ name: 'hold_seconds', help: 'Hold time.', labelNames: ['operation', 'outcome'], buckets: [0.1, 1] }),
};

describe('metric definitions', () => {
  it('create the metrics they describe, with their labels and buckets', async () => {
    const registry = createMetricsRegistry('test-service');
    const metrics = registerMetrics(registry, definitions);
    metrics.holds.inc({ outcome: 'held' });
    metrics.open.set(1);
    metrics.seconds.observe({ operation: 'hold', outcome: 'ok' }, 0.5);

    const served = await registry.getMetricsAsJSON();
    expect(served.filter((metric) => Object.values(definitions).some((definition) => definition.name === metric.name))).toEqual([
      expect.objectContaining({ name: 'holds_total', type: 'counter', help: 'Holds by outcome: held | refused.' }),
      expect.objectContaining({ name: 'circuit_open', type: 'gauge', help: '1 while open.' }),
      expect.objectContaining({ name: 'hold_seconds', type: 'histogram', help: 'Hold time.' }),
    ]);
    expect(await registry.metrics()).toContain('hold_seconds_bucket{le="1",service="test-service",operation="hold",outcome="ok"} 1');
  });

  it('render as a Markdown table in definition order', () => {
    expect(renderMetricTable(metricDefinitionList(definitions)).split('\n')).toEqual([
      '| metric | type | labels | meaning |',
      '| --- | --- | --- | --- |',
      '| `holds_total` | counter | `outcome` | Holds by outcome: held \\| refused. |',
      '| `circuit_open` | gauge | — | 1 while open. |',
      '| `hold_seconds` | histogram | `operation`, `outcome` | Hold time. |',
    ]);
  });
});
