/**
 * The reservation worker's operating surface: its configuration pieces (for the docs and the
 * charts), the loader and the type, and its metric definitions (for the app and the docs).
 */
export { loadReservationWorkerConfig, reservationWorkerConfigPieces, type ReservationWorkerConfig } from './config';
export { reservationWorkerMetricDefinitions, reservationWorkerMetrics } from './metrics';
