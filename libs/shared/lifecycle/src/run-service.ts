import { ConfigError } from '@ticketing/config';
import { createLogger, startTracing, type Logger } from '@ticketing/telemetry';
import { installGracefulShutdown } from './graceful-shutdown';

/** The configuration every service shares, whatever else it has. */
interface ServiceBaseConfig {
  readonly observability: { readonly logLevel: string; readonly otlpEndpoint: string | undefined };
  readonly lifecycle: { readonly shutdownTimeoutMs: number };
}

/** Something started that can be stopped gracefully. */
export interface RunningService {
  close(): Promise<void>;
}

/**
 * The whole life of a service process, so each `main.ts` only says what its service is:
 * load config (exit 1 naming every bad variable), start tracing BEFORE the service's modules load
 * (`start` should import them dynamically, since instrumentation patches modules as they load),
 * start, then on SIGTERM/SIGINT close within `SHUTDOWN_TIMEOUT_MS` and flush traces.
 *
 * @example
 * await runService({
 *   service: 'inventory',
 *   loadConfig: loadInventoryConfig,
 *   start: async (config, logger) => (await import('./app')).startInventoryApp(config, logger),
 * });
 */
export async function runService<Config extends ServiceBaseConfig>(options: {
  readonly service: string;
  readonly loadConfig: () => Config;
  readonly start: (config: Config, logger: Logger) => Promise<RunningService>;
}): Promise<void> {
  try {
    const config = options.loadConfig();
    const logger = createLogger({ service: options.service, level: config.observability.logLevel });
    const tracing = await startTracing({ service: options.service, otlpEndpoint: config.observability.otlpEndpoint });
    // Installed before `start`: a SIGTERM while the service is still starting (a rollout, a
    // scale-down) waits for the start to finish and then closes it, instead of killing the process.
    const running = Promise.withResolvers<RunningService>();
    installGracefulShutdown({
      logger,
      timeoutMs: config.lifecycle.shutdownTimeoutMs,
      shutdown: async () => {
        await (await running.promise).close();
        await tracing.shutdown();
      },
    });
    options.start(config, logger).then(running.resolve, running.reject);
    await running.promise;
  } catch (error) {
    const logger = createLogger({ service: options.service, level: 'fatal' });
    if (error instanceof ConfigError) logger.fatal({ issues: error.issues }, error.message);
    else logger.fatal({ err: error }, 'failed to start');
    process.exit(1);
  }
}
