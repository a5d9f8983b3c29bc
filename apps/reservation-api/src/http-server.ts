import type { Logger } from '@ticketing/telemetry';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { installErrorHandler } from './error-handler';

/**
 * A Fastify server as both of the API's listeners (public and internal) use it: the one error
 * body, strict validation, the request id from `x-request-id`, and a body limit.
 */
export function createHttpServer(options: { readonly bodyLimitBytes: number }, logger: Logger): FastifyInstance {
  const app = Fastify({
    // Fastify types its logger as FastifyBaseLogger, which pino's Logger implements.
    loggerInstance: logger as FastifyBaseLogger,
    requestIdHeader: 'x-request-id',
    bodyLimit: options.bodyLimitBytes,
    ajv: {
      // Unknown fields are refused (not silently dropped), and "3" is not a number. `verbose` hands
      // the error handler the failing schema, whose description explains a combination rule.
      customOptions: { removeAdditional: false, coerceTypes: false, allErrors: false, verbose: true },
    },
  });
  installErrorHandler(app);
  return app;
}
