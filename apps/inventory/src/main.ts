import { runService } from '@ticketing/lifecycle';
import { loadInventoryConfig } from '@ticketing/inventory-config';

await runService({
  service: 'inventory',
  loadConfig: () => loadInventoryConfig(),
  start: async (config, logger) => (await import('./app')).startInventoryApp(config, logger),
});
