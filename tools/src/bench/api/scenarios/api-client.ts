import { randomUUID } from 'node:crypto';
import { Agent, request, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { mintDevToken } from '../../../dev-token';
import type { ApiTarget } from './api-scenario-plan';

/** Every benchmark request gives up after this long, so a stuck API cannot stall the run. */
const requestTimeoutMs = 10_000;

/** An HTTP answer, body unparsed. */
export interface ApiAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** A buyer's token and the Idempotency-Key of their one reservation, kept across retries. */
export interface Buyer {
  readonly token: string;
  readonly idempotencyKey: string;
}

/**
 * The benchmark's HTTP client: plain `node:http` over a keep-alive pool of at most `maxSockets`
 * loopback connections (a client that reconnects per request would measure TCP set-up, not the
 * API). Requests beyond the pool wait in the agent's queue, and that wait counts in their latency.
 */
export class ApiClient {
  private readonly agent: Agent;
  private readonly url: URL;
  private users = 0;

  constructor(
    private readonly target: ApiTarget,
    maxSockets: number,
    /** Prefix of the user ids this client makes up (`sat`, `ctd`, …), so scenarios never share a user. */
    private readonly userPrefix: string,
  ) {
    this.url = new URL(target.baseUrl);
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  /**
   * A bearer token for a user nobody used before. One buyer per request: neither the per-user
   * limit on live holds nor a per-user rate limit applies twice to the same caller.
   */
  newUserToken(): string {
    this.users += 1;
    return mintDevToken({
      secret: this.target.jwtSecret,
      issuer: this.target.issuer,
      audience: this.target.audience,
      subject: `bench-${this.userPrefix}-${this.users}`,
      ttlSeconds: 3_600,
    });
  }

  /** A new user with a fresh Idempotency-Key: one buyer's attempt at a reservation, retried as it is. */
  newBuyer(): Buyer {
    return { token: this.newUserToken(), idempotencyKey: randomUUID() };
  }

  /** POST /v1/reservations as `buyer` (a new one by default). */
  createReservation(body: { readonly event_id: string; readonly seat_ids: readonly string[] }, buyer = this.newBuyer()): Promise<ApiAnswer> {
    return this.send('POST', '/v1/reservations', {
      authorization: `Bearer ${buyer.token}`,
      'idempotency-key': buyer.idempotencyKey,
      'content-type': 'application/json',
    }, JSON.stringify(body));
  }

  /** GET /v1/events/{id}/seats as a new user. */
  seatMap(eventId: string): Promise<ApiAnswer> {
    return this.send('GET', `/v1/events/${encodeURIComponent(eventId)}/seats`, { authorization: `Bearer ${this.newUserToken()}` });
  }

  send(method: string, path: string, headers: OutgoingHttpHeaders, body?: string): Promise<ApiAnswer> {
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          agent: this.agent,
          host: this.url.hostname,
          port: this.url.port,
          method,
          path,
          headers: body === undefined ? headers : { ...headers, 'content-length': Buffer.byteLength(body) },
          timeout: requestTimeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }));
          response.once('error', reject);
        },
      );
      outgoing.once('timeout', () => outgoing.destroy(new Error(`${method} ${path} timed out after ${requestTimeoutMs} ms`)));
      outgoing.once('error', reject);
      outgoing.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/**
 * The outcome name of an answer: its status alone when it is the expected one (`201`), otherwise
 * the status and the error code of the body (`409 INVENTORY_CONFLICT`, `504 UPSTREAM_TIMEOUT`).
 */
export function outcomeOf(answer: ApiAnswer, expectedStatus: number): string {
  if (answer.status === expectedStatus) return String(answer.status);
  let code: unknown;
  try {
    code = (JSON.parse(answer.body.toString('utf8')) as { error?: { code?: unknown } }).error?.code;
  } catch {
    code = undefined;
  }
  return typeof code === 'string' ? `${answer.status} ${code}` : String(answer.status);
}
