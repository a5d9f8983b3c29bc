import { Writable } from 'node:stream';
import { loadConfig } from '@ticketing/config';
import Fastify, { type FastifyInstance } from 'fastify';
import Type from 'typebox';
import { authConfig, installAuth, requireUser } from '../../src/auth/index';
import { installErrorHandler } from '../../src/error-handler';

/** A Fastify app guarded by the real auth and error handler, plus the JSON log lines it wrote. */
export interface ProtectedApp {
  readonly app: FastifyInstance;
  readonly logs: readonly Record<string, unknown>[];
}

/**
 * Builds the smallest app that exercises authentication as the API uses it: config through the
 * real `authConfig` piece, `installAuth` on the root, the real error handler, and guarded routes
 * inside an encapsulated plugin (as route modules are):
 *
 * - `GET /v1/me` (`requireUser` as onRequest) answers the caller's id and scopes;
 * - `POST /v1/me/notes` (`requireUser` as preHandler, with a body schema);
 * - `GET /public` has no guard.
 */
export async function buildProtectedApp(env: Readonly<Record<string, string>>): Promise<ProtectedApp> {
  const logs: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: { level: 'warn', stream } });
  installErrorHandler(app);
  await installAuth(app, loadConfig({ auth: authConfig }, env).auth);

  await app.register(
    async (routes) => {
      routes.get('/me', { onRequest: requireUser }, async (request) => ({
        userId: request.user.userId,
        scopes: [...request.user.scopes].sort(),
      }));
      routes.post(
        '/me/notes',
        { preHandler: requireUser, schema: { body: Type.Object({ note: Type.String() }) } },
        async (request) => ({ userId: request.user.userId, note: (request.body as { note: string }).note }),
      );
    },
    { prefix: '/v1' },
  );
  app.get('/public', async (request) => ({ user: request.user }));
  await app.ready();
  return { app, logs };
}
