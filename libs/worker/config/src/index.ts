/** The reservation worker's configuration: its pieces (for the docs and the charts), the loader and the type. */
export { loadReservationWorkerConfig, reservationWorkerConfigPieces, type ReservationWorkerConfig } from './config';
