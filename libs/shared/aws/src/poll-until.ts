/** How long and how often {@link pollUntil} asks. */
export interface PollOptions {
  readonly timeoutMs: number;
  readonly intervalMs: number;
}

/**
 * Calls `probe` until it returns a value other than `undefined`, or returns `undefined` once the
 * timeout has passed. AWS control-plane operations (table creation, index backfill) finish
 * asynchronously, so callers ask again instead of sleeping a guessed amount.
 */
export async function pollUntil<T>(probe: () => Promise<T | undefined>, options: PollOptions): Promise<T | undefined> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    const result = await probe();
    if (result !== undefined) return result;
    if (Date.now() >= deadline) return undefined;
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
  }
}
