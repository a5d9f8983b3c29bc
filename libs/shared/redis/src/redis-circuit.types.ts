/** The breaker's state: `half-open` lets exactly one probe call through. */
export type RedisCircuitState = 'closed' | 'open' | 'half-open';

/**
 * What {@link RedisCircuit.run} returns instead of throwing. `open`: Redis was skipped without a
 * call; `timeout`: no answer within `timeoutMs` (the command may still have run in Redis!);
 * `failed`: the operation rejected (`error` says why, for logs).
 */
export type RedisCircuitResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly reason: 'open' | 'failed' | 'timeout'; readonly error?: unknown };

/** Called on every state change, e.g. to invalidate seat-status views and to record a metric. */
export type RedisCircuitStateListener = (state: RedisCircuitState, previous: RedisCircuitState) => void;

/** Breaker settings; the app loads them from its config. */
export interface RedisCircuitOptions {
  /** A call without an answer after this long counts as a failure (default 100 ms). */
  readonly timeoutMs?: number;
  /** Failure percentage in the rolling window above which the circuit opens (default 50). */
  readonly errorThresholdPercentage?: number;
  /** Calls in the rolling window before the percentage is considered at all (default 20; 1 opens on the first failure). */
  readonly volumeThreshold?: number;
  /** Without `probe`: how long the circuit stays open before one call is let through as the probe (default 5,000 ms). */
  readonly resetTimeoutMs?: number;
  /** Run in the background while the circuit is open (e.g. PING); its success closes the circuit. */
  readonly probe?: () => Promise<unknown>;
  /** How often `probe` runs while the circuit is open (default 500 ms); each is bounded by `timeoutMs`. */
  readonly probeIntervalMs?: number;
  /** Errors that are the caller's bugs, not Redis failing: reported as `failed`, never opening the circuit. */
  readonly isCallerBug?: (error: unknown) => boolean;
  /** Length of the rolling statistics window (default 10,000 ms). */
  readonly rollingWindowMs?: number;
  /** Name in opossum's stats (default `redis`). */
  readonly name?: string;
}
