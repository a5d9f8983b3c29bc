import type { FastifyInstance } from 'fastify';
import {
  evaluateReadiness,
  httpServerMetrics,
  registerMetrics,
  renderMetrics,
  type ReadinessCheck,
  type Registry,
} from '@ticketing/telemetry';

/** What {@link registerFastifyOps} needs. */
export interface FastifyOpsOptions {
  readonly registry: Registry;
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly readinessTimeoutMs?: number;
  /** Returns true once shutdown began, so `/ready` fails while in-flight requests finish. */
  readonly isDraining: () => boolean;
}

/** What {@link registerFastifyOps} gives back. */
export interface FastifyOps {
  /** Records the requests of another listener of the same service (e.g. an internal port) too. */
  measureRequestsOf(other: FastifyInstance): void;
}

/**
 * Adds `GET /health`, `GET /ready` and `GET /metrics` to a Fastify app, and records
 * `http_request_duration_seconds` (telemetry's `httpServerMetrics`) for every request by method,
 * route pattern (never the raw URL, which would carry ids) and status code.
 */
export function registerFastifyOps(app: FastifyInstance, options: FastifyOpsOptions): FastifyOps {
  const { requestDuration } = registerMetrics(options.registry, httpServerMetrics);

  const measureRequestsOf = (listener: FastifyInstance) =>
    listener.addHook('onResponse', async (request, reply) => {
      requestDuration.observe(
        {
          method: request.method,
          route: request.routeOptions.url ?? 'unmatched',
          status_code: String(reply.statusCode),
        },
        reply.elapsedTime / 1_000,
      );
    });
  measureRequestsOf(app);

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (request, reply) => {
    const report = await evaluateReadiness(
      options.readinessChecks,
      options.readinessTimeoutMs ?? 1_000,
      (name, error) => request.log.warn({ check: name, err: error }, 'readiness check failing'),
    );
    const draining = options.isDraining();
    const ready = report.ready && !draining;
    return reply
      .code(ready ? 200 : 503)
      .send({ status: ready ? 'ready' : 'not_ready', draining, checks: report.checks });
  });
  app.get('/metrics', async (_request, reply) => {
    const { contentType, body } = await renderMetrics(options.registry);
    return reply.type(contentType).send(body);
  });
  return { measureRequestsOf: (other) => void measureRequestsOf(other) };
}
