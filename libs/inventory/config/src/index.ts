/** The inventory's configuration: its pieces (for the docs and the charts), the loader and the types. */
export { inventoryConfigPieces, loadInventoryConfig, type InventoryCallerAuth, type InventoryConfig } from './config';
