export { installGracefulShutdown, type GracefulShutdownOptions } from './graceful-shutdown';
