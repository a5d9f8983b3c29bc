import CircuitBreaker from 'opossum';
import { CorruptSeatStatusViewError, InvalidSeatGateArgumentError } from './seat-gate.errors';
import type {
  RedisCircuitOptions,
  RedisCircuitResult,
  RedisCircuitState,
  RedisCircuitStateListener,
} from './redis-circuit.types';

type Operation = () => Promise<unknown>;

/**
 * An opossum circuit breaker around Redis calls, so a dead or slow Redis costs nothing per call:
 * after enough failures the circuit opens and calls answer `{ ok: false, reason: 'open' }` at once,
 * without touching the client; after `resetTimeoutMs` one probe call goes through and closes the
 * circuit if it succeeds (else it opens again).
 *
 * ```
 *          failures ≥ threshold           resetTimeoutMs            probe ok
 * closed ─────────────────────────▶ open ───────────────▶ half-open ─────────▶ closed
 *                                     ▲                       │ probe fails
 *                                     └───────────────────────┘
 * ```
 *
 * {@link RedisCircuit.run} never throws: the caller falls back to DynamoDB on any `ok: false`.
 * One breaker serves every Redis call of a process (its action just awaits the operation passed
 * in), since they all share one client and fail together.
 *
 * Beware: `timeout` (and `failed` on a lost connection) does not mean the command did not run — a
 * timed-out claim may have set its keys. After falling back to DynamoDB, a hold that fails there
 * should still `release` its seats in the gate (best effort); their TTL bounds the harm otherwise.
 *
 * @example
 * ```ts
 * const circuit = new RedisCircuit(config.redisCircuit);
 * circuit.onStateChange((state) => state === 'closed' && views.invalidateAll());
 * const result = await circuit.run(() => gate.claim(eventId, sectionId, seatIds, holdId, ttlMs));
 * ```
 */
export class RedisCircuit {
  private readonly breaker: CircuitBreaker<[Operation], unknown>;
  private readonly listeners = new Set<RedisCircuitStateListener>();
  private current: RedisCircuitState = 'closed';

  /** @throws RangeError if `timeoutMs` is not positive (opossum would silently disable it). */
  constructor(options: RedisCircuitOptions = {}) {
    const timeoutMs = options.timeoutMs ?? 100;
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
    this.breaker = new CircuitBreaker((operation: Operation) => operation(), {
      name: options.name ?? 'redis',
      timeout: timeoutMs,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.volumeThreshold ?? 20,
      resetTimeout: options.resetTimeoutMs ?? 5_000,
      rollingCountTimeout: options.rollingWindowMs ?? 10_000,
      // Nobody reads opossum's snapshots or percentiles; skip their timers and per-call sorting.
      enableSnapshots: false,
      rollingPercentilesEnabled: false,
      // A bad argument or a corrupt view entry is a bug, not a sick Redis: still `failed` for the
      // caller, but it must not open the circuit and switch off Redis for every other call.
      // (opossum counts a filtered error as a success, so as a half-open probe it closes the
      // circuit; the next real failure reopens it.)
      errorFilter: (error: unknown) =>
        error instanceof InvalidSeatGateArgumentError || error instanceof CorruptSeatStatusViewError,
    });
    this.breaker.on('open', () => this.enter('open'));
    this.breaker.on('halfOpen', () => this.enter('half-open'));
    this.breaker.on('close', () => this.enter('closed'));
  }

  /** The current state. */
  get state(): RedisCircuitState {
    return this.current;
  }

  /** Runs `operation` unless the circuit is open; never throws. */
  async run<T>(operation: () => Promise<T>): Promise<RedisCircuitResult<T>> {
    try {
      return { ok: true, value: (await this.breaker.fire(operation)) as T };
    } catch (error) {
      return { ok: false, reason: reasonOf(error), error };
    }
  }

  /**
   * Calls `listener` on every state change. Listeners run synchronously inside opossum's
   * bookkeeping, so one that throws is reported as a process warning and otherwise ignored
   * (letting it escape would leave the call that triggered the change unanswered).
   *
   * @returns a function that removes the listener.
   */
  onStateChange(listener: RedisCircuitStateListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stops the breaker's timers; later calls answer `open`. For graceful shutdown and tests. */
  shutdown(): void {
    this.breaker.shutdown();
    this.listeners.clear();
  }

  private enter(state: RedisCircuitState): void {
    const previous = this.current;
    if (state === previous) return;
    this.current = state;
    for (const listener of this.listeners) {
      try {
        listener(state, previous);
      } catch (error) {
        process.emitWarning(`A RedisCircuit state listener threw: ${String(error)}`, { type: 'RedisCircuitWarning' });
      }
    }
  }
}

function reasonOf(error: unknown): 'open' | 'failed' | 'timeout' {
  if (!(error instanceof Error) || !CircuitBreaker.isOurError(error)) return 'failed';
  const code = (error as Error & { code?: string }).code;
  return code === 'ETIMEDOUT' ? 'timeout' : 'open';
}
