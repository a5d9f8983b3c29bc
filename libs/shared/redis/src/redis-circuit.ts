import CircuitBreaker from 'opossum';
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
 * without touching the client. It closes again one of two ways:
 *
 * - with `probe` (what the services use): a background timer runs it every `probeIntervalMs` while
 *   the circuit is open and closes the circuit when it succeeds — no request ever pays for a probe;
 * - without: after `resetTimeoutMs` the next call goes through as the probe (opossum's half-open)
 *   and closes the circuit if it succeeds, else it opens again.
 *
 * ```
 *          failures ≥ threshold           probe ok (background, or the next call after resetTimeoutMs)
 * closed ─────────────────────────▶ open ─────────────────────────────────────────────────────▶ closed
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
 * const circuit = new RedisCircuit({ timeoutMs: 100, volumeThreshold: 1, probe: () => redis.ping() });
 * circuit.onStateChange((state) => state === 'closed' && views.invalidateAll());
 * const result = await circuit.run(() => gate.claim(eventId, sectionId, seatIds, holdId, ttlMs));
 * ```
 */
export class RedisCircuit {
  private readonly breaker: CircuitBreaker<[Operation], unknown>;
  private readonly listeners = new Set<RedisCircuitStateListener>();
  private current: RedisCircuitState = 'closed';

  /** @throws RangeError if `timeoutMs` is not positive (opossum would silently disable it). */
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RedisCircuitOptions = {}) {
    const timeoutMs = options.timeoutMs ?? 100;
    if (!(timeoutMs > 0)) throw new RangeError(`timeoutMs must be positive, got ${timeoutMs}`);
    this.breaker = new CircuitBreaker((operation: Operation) => operation(), {
      name: options.name ?? 'redis',
      timeout: timeoutMs,
      errorThresholdPercentage: options.errorThresholdPercentage ?? 50,
      volumeThreshold: options.volumeThreshold ?? 20,
      // With a background probe, no call is ever let through as one: the probe closes the circuit.
      resetTimeout: options.probe ? 2 ** 31 - 1 : (options.resetTimeoutMs ?? 5_000),
      rollingCountTimeout: options.rollingWindowMs ?? 10_000,
      // Nobody reads opossum's snapshots or percentiles; skip their timers and per-call sorting.
      enableSnapshots: false,
      rollingPercentilesEnabled: false,
      // A bug of the caller (a bad argument, a corrupt entry) is not a sick Redis: still `failed`
      // for the caller, but it must not open the circuit and switch off Redis for every other call.
      // (opossum counts a filtered error as a success, so as a half-open probe it closes the
      // circuit; the next real failure reopens it.)
      errorFilter: (error: unknown) => options.isCallerBug?.(error) ?? false,
    });
    this.breaker.on('open', () => {
      this.enter('open');
      this.scheduleProbe();
    });
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
    clearTimeout(this.probeTimer);
    this.probeTimer = undefined;
    this.breaker.shutdown();
    this.listeners.clear();
  }

  /** While open: the probe every `probeIntervalMs`, in the background; its success closes the circuit. */
  private scheduleProbe(): void {
    const { probe } = this.options;
    if (!probe || this.probeTimer) return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = undefined;
      if (this.current !== 'open' || this.breaker.isShutdown) return;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('probe timed out')), this.options.timeoutMs ?? 100);
      });
      Promise.race([probe(), deadline]).then(
        () => {
          clearTimeout(timer);
          if (!this.breaker.isShutdown) this.breaker.close();
        },
        () => {
          clearTimeout(timer);
          this.scheduleProbe();
        },
      );
    }, this.options.probeIntervalMs ?? 500);
    this.probeTimer.unref();
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
