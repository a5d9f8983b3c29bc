import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import { renderMetrics } from './metrics-registry';
import { evaluateReadiness, type ReadinessCheck } from './readiness';

/** What the operations endpoint serves. */
export interface OpsServerOptions {
  readonly host: string;
  readonly port: number;
  readonly registry: Registry;
  readonly readinessChecks: readonly ReadinessCheck[];
  readonly readinessTimeoutMs?: number;
  readonly logger: Logger;
}

/** A listening operations endpoint. */
export interface OpsServer {
  /** The bound port (useful with port 0 in tests). */
  readonly port: number;
  /** Makes `/ready` answer 503 from now on, so load balancers drain this instance first. */
  markDraining(): void;
  close(): Promise<void>;
}

/**
 * A small HTTP server for the services whose main protocol is not HTTP (inventory speaks gRPC,
 * the worker polls SQS): `GET /health` (liveness: the process answers), `GET /ready` (every
 * readiness check passes and the service is not draining) and `GET /metrics` (Prometheus).
 */
export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  let draining = false;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') return sendJson(response, 405, { error: 'method not allowed' });
    if (path === '/health') return sendJson(response, 200, { status: 'ok' });
    if (path === '/ready') {
      void evaluateReadiness(options.readinessChecks, options.readinessTimeoutMs ?? 1_000, (name, error) =>
        options.logger.warn({ check: name, err: error }, 'readiness check failing'),
      ).then((report) => {
        const ready = report.ready && !draining;
        sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not_ready', draining, checks: report.checks });
      });
      return;
    }
    if (path === '/metrics') {
      void renderMetrics(options.registry).then(({ contentType, body }) => {
        response.writeHead(200, { 'content-type': contentType }).end(body);
      });
      return;
    }
    sendJson(response, 404, { error: 'not found' });
  });
  // Probes hold no long-lived connections worth waiting for during shutdown.
  server.keepAliveTimeout = 1_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  return {
    port: (server.address() as AddressInfo).port,
    markDraining: () => {
      draining = true;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function sendJson(response: import('node:http').ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
