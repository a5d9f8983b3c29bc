export { installGracefulShutdown, type GracefulShutdownOptions } from './graceful-shutdown';
export { runService, type RunningService } from './run-service';
