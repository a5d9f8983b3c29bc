import { inventoryMetrics } from '@ticketing/inventory-config';
import { registerMetrics, type Registry } from '@ticketing/telemetry';

/**
 * The inventory's business and RPC metrics on a registry, created from their definitions in
 * `@ticketing/inventory-config` (which docs/reference/metrics.md lists).
 */
export function createInventoryMetrics(registry: Registry) {
  return registerMetrics(registry, inventoryMetrics);
}

export type InventoryMetrics = ReturnType<typeof createInventoryMetrics>;
