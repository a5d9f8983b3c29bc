import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths as InternalPaths } from './generated/internal';
import type { paths as PublicPaths } from './generated/public';

/** A client of the public REST API, typed by its OpenAPI document: paths, parameters, bodies, answers. */
export type ReservationApiClient = Client<PublicPaths>;

/** A client of the internal listener (the worker's endpoints), typed by its document. */
export type InternalApiClient = Client<InternalPaths>;

/** Where the API is and the bearer token to send: a fixed one, or a function for a rotating one. */
export interface ApiClientOptions {
  readonly baseUrl: string;
  readonly bearer: string | (() => string | Promise<string>);
}

/**
 * A typed client of the public API (openapi-fetch over the generated types): a route the document
 * does not have, a missing Idempotency-Key or a wrong body is a compile error.
 *
 * @example
 * const api = createReservationApiClient({ baseUrl: 'http://127.0.0.1:3000', bearer: token });
 * const { data, error } = await api.POST('/v1/reservations', {
 *   params: { header: { 'idempotency-key': randomUUID() } },
 *   body: { event_id: 'evt_demo', qty: 2 },
 * });
 */
export function createReservationApiClient(options: ApiClientOptions): ReservationApiClient {
  const client = createClient<PublicPaths>({ baseUrl: options.baseUrl });
  client.use(bearerMiddleware(options.bearer));
  return client;
}

/** A typed client of the internal endpoints, presenting a service token. */
export function createInternalApiClient(options: ApiClientOptions): InternalApiClient {
  const client = createClient<InternalPaths>({ baseUrl: options.baseUrl });
  client.use(bearerMiddleware(options.bearer));
  return client;
}

function bearerMiddleware(bearer: ApiClientOptions['bearer']): Middleware {
  return {
    async onRequest({ request }) {
      request.headers.set('authorization', `Bearer ${typeof bearer === 'string' ? bearer : await bearer()}`);
      return request;
    },
  };
}
