import CircuitBreaker from 'opossum';
import { PermanentFailure, RetryableFailure } from '../handling/handling-failures';
import type { ServiceTokenFile } from '@ticketing/service-identity';

/** A reservation as the API's internal endpoints answer it (the fields the worker reads). */
export interface InternalReservation {
  readonly reservation_id: string;
  readonly user_id: string;
  readonly event_id: string;
  readonly status: 'HOLD' | 'CONFIRMED' | 'CANCELLED' | 'EXPIRED' | 'REFUND_REQUIRED';
  readonly hold_expires_at: string;
  readonly seats: readonly { readonly seat_id: string }[];
  readonly order_id?: string;
}

/** A payment outcome for `POST /internal/v1/reservations/{id}/payment`. */
export interface PaymentReportBody {
  readonly payment_intent_id: string;
  readonly status: 'APPROVED' | 'FAILED';
  readonly amount: { readonly amount: number; readonly currency: string };
  /** The hold that re-acquired the seats after the reservation's own hold expired. */
  readonly reacquired_hold_id?: string;
  /** false: a hold found gone is answered 409 RESERVATION_EXPIRED instead of turning into a refund. */
  readonly refund_if_seats_gone?: boolean;
}

/** Per-call context: the Idempotency-Key the API deduplicates on, and the trace to continue. */
export interface ApiCallContext {
  readonly idempotencyKey?: string;
  readonly traceparent?: string | undefined;
}

/** Settings of the client (see config.ts). */
export interface ReservationApiClientSettings {
  readonly baseUrl: string;
  readonly deadlineMs: number;
  readonly breakerResetMs: number;
}

/** Marks a failure of the API itself (unreachable, timed out, 5xx): the breaker counts these. */
class ApiOutage extends RetryableFailure {}

/**
 * The worker's way to the reservation API's internal endpoints: a service token from a file, a
 * deadline on every call, and an opossum circuit breaker, so an API outage costs the worker one
 * failed call per reset window instead of a deadline per message.
 *
 * Answers become the worker's failure types: an outage, a 5xx, a 429, a 401/403 (the token is
 * being rotated or misconfigured: fixing it must not lose events) and a 409 (a race or a
 * duplicate still in flight) are retryable; a 404 or 400 are permanent.
 */
export class ReservationApiClient {
  private readonly breaker: CircuitBreaker<[() => Promise<Response>], Response>;

  constructor(
    private readonly settings: ReservationApiClientSettings,
    private readonly serviceToken: ServiceTokenFile,
  ) {
    this.breaker = new CircuitBreaker((request: () => Promise<Response>) => request(), {
      timeout: false, // the fetch deadline bounds each call
      errorThresholdPercentage: 50,
      resetTimeout: settings.breakerResetMs,
      rollingCountTimeout: 10_000,
      volumeThreshold: 5,
      errorFilter: (error: unknown) => !(error instanceof ApiOutage),
    });
  }

  /** The circuit's state, for metrics. */
  get circuitOpen(): boolean {
    return this.breaker.opened;
  }

  onCircuitChange(listener: (state: 'open' | 'half-open' | 'closed') => void): void {
    this.breaker.on('open', () => listener('open'));
    this.breaker.on('halfOpen', () => listener('half-open'));
    this.breaker.on('close', () => listener('closed'));
  }

  getReservation(reservationId: string, context: ApiCallContext = {}): Promise<InternalReservation> {
    return this.call('GET', `/internal/v1/reservations/${encodeURIComponent(reservationId)}`, undefined, context);
  }

  recordPayment(reservationId: string, body: PaymentReportBody, context: ApiCallContext): Promise<InternalReservation> {
    return this.call('POST', `/internal/v1/reservations/${encodeURIComponent(reservationId)}/payment`, body, context);
  }

  expire(reservationId: string, context: ApiCallContext): Promise<InternalReservation> {
    return this.call('POST', `/internal/v1/reservations/${encodeURIComponent(reservationId)}/expire`, undefined, context);
  }

  close(): void {
    this.breaker.shutdown();
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body: unknown, context: ApiCallContext): Promise<T> {
    const headers: Record<string, string> = { authorization: `Bearer ${await this.token()}` };
    if (method === 'POST') headers['content-type'] = 'application/json';
    if (context.idempotencyKey) headers['idempotency-key'] = context.idempotencyKey;
    if (context.traceparent) headers['traceparent'] = context.traceparent;
    const send = async () => {
      let response: Response;
      try {
        response = await fetch(`${this.settings.baseUrl}${path}`, {
          method,
          headers,
          body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
          signal: AbortSignal.timeout(this.settings.deadlineMs),
        });
      } catch (error) {
        const timedOut = error instanceof Error && error.name === 'TimeoutError';
        throw new ApiOutage(
          timedOut ? 'reservation-api-timeout' : 'reservation-api-unavailable',
          timedOut ? `the reservation API did not answer ${method} ${path} within ${this.settings.deadlineMs} ms` : `the reservation API is unreachable`,
          { cause: error },
        );
      }
      if (response.status >= 500) {
        throw new ApiOutage('reservation-api-error', `the reservation API answered ${response.status} to ${method} ${path}: ${await errorText(response)}`);
      }
      return response;
    };
    let response: Response;
    try {
      response = await this.breaker.fire(send);
    } catch (error) {
      if ((error as { code?: string } | undefined)?.code === 'EOPENBREAKER') {
        throw new RetryableFailure('reservation-api-circuit-open', 'the reservation API circuit is open', { cause: error });
      }
      throw error;
    }
    if (response.ok) return (await response.json()) as T;
    throw await failureOf(response, `${method} ${path}`);
  }

  private async token(): Promise<string> {
    try {
      return await this.serviceToken.token();
    } catch (error) {
      throw new RetryableFailure('service-token-unreadable', 'the service token file cannot be read', { cause: error });
    }
  }
}

async function failureOf(response: Response, request: string): Promise<Error> {
  const text = await errorText(response);
  const code = errorCode(text);
  const description = `the reservation API answered ${response.status}${code ? ` ${code}` : ''} to ${request}: ${text}`;
  const retryAfter = Number(response.headers.get('retry-after'));
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (response.status === 404) return new PermanentFailure('reservation-not-found', description);
  if (response.status === 400 || response.status === 412) return new PermanentFailure('rejected-by-api', description);
  // A different body under the same Idempotency-Key is a worker bug that no retry fixes.
  if (response.status === 409 && code === 'IDEMPOTENCY_CONFLICT' && retryAfterSeconds === undefined) {
    return new PermanentFailure('idempotency-conflict', description);
  }
  const kind = response.status === 401 || response.status === 403 ? 'reservation-api-refused-token' : `reservation-api-${response.status}`;
  return new RetryableFailure(kind, description, { retryAfterSeconds });
}

async function errorText(response: Response): Promise<string> {
  try {
    return (await response.text()).slice(0, 500);
  } catch {
    return '(no body)';
  }
}

function errorCode(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    return undefined;
  }
}
