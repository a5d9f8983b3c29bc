import { runService } from '@ticketing/lifecycle';
import { loadReservationApiConfig } from './config';

await runService({
  service: 'reservation-api',
  loadConfig: () => loadReservationApiConfig(),
  start: async (config, logger) => {
    const { buildReservationApi } = await import('./app');
    const { connectReservationApiDependencies } = await import('./dependencies');
    const app = await buildReservationApi(config, connectReservationApiDependencies(config), logger);
    await app.listen({ host: config.lifecycle.host, port: config.server.httpPort });
    const address = app.server.address();
    logger.info({ http_port: typeof address === 'object' ? address?.port : undefined }, 'reservation-api listening');
    return app;
  },
});
