import { runService } from '@ticketing/lifecycle';
import { loadReservationWorkerConfig } from '@ticketing/reservation-worker-config';

await runService({
  service: 'reservation-worker',
  loadConfig: () => loadReservationWorkerConfig(),
  start: async (config, logger) => {
    const { startReservationWorker } = await import('./app');
    const { connectReservationWorkerDependencies } = await import('./dependencies');
    return startReservationWorker(config, connectReservationWorkerDependencies(config), logger);
  },
});
