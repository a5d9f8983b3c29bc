/**
 * The inventory's operating surface: its configuration pieces (for the docs and the charts), the
 * loader and the types, and its metric definitions (for the app and the docs).
 */
export { inventoryConfigPieces, loadInventoryConfig, type InventoryCallerAuth, type InventoryConfig } from './config';
export { inventoryMetricDefinitions, inventoryMetrics } from './metrics';
