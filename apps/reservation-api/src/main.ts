import { runService } from '@ticketing/lifecycle';
import { loadReservationApiConfig } from '@ticketing/reservation-api-config';

await runService({
  service: 'reservation-api',
  loadConfig: () => loadReservationApiConfig(),
  start: async (config, logger) => {
    const { buildReservationApi } = await import('./app');
    const { connectReservationApiDependencies } = await import('./dependencies');
    const servers = await buildReservationApi(config, connectReservationApiDependencies(config), logger);
    await servers.internal.listen({ host: config.lifecycle.host, port: config.server.internalHttpPort });
    await servers.public.listen({ host: config.lifecycle.host, port: config.server.httpPort });
    logger.info(
      { http_port: portOf(servers.public), internal_http_port: portOf(servers.internal) },
      'reservation-api listening',
    );
    // Closing the public server closes the internal one, the outbox relay and the clients.
    return servers.public;
  },
});

function portOf(server: { readonly server: { address(): unknown } }): number | undefined {
  const address = server.server.address();
  return typeof address === 'object' && address !== null ? (address as { port: number }).port : undefined;
}
