/** How long to poll, how often, and what for (the description goes into the timeout error). */
export interface WaitForOptions {
  readonly description: string;
  /** Defaults to 30 s: generous, because real AWS delivers asynchronously. */
  readonly timeoutMs?: number;
  /** Defaults to 100 ms. */
  readonly intervalMs?: number;
}

/** {@link waitFor} gave up; `cause` is the probe's last error, if it threw. */
export class WaitForTimeoutError extends Error {
  override readonly name = 'WaitForTimeoutError';
}

/**
 * Polls `probe` until it returns a value that is neither `undefined`, `null` nor `false`, and
 * returns that value. A probe that throws counts as "not yet" (the table may still be creating);
 * its last error becomes the timeout error's cause. Tests poll instead of sleeping a guessed time:
 * EventBridge, SQS and DynamoDB control-plane operations complete asynchronously in AWS.
 *
 * @example
 * ```ts
 * const message = await waitFor(async () => (await receive(queueUrl)).find(isMine), {
 *   description: 'the reservation.expired event in the worker queue',
 * });
 * ```
 * @throws WaitForTimeoutError naming the description once `timeoutMs` has passed.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { description, timeoutMs = 30_000, intervalMs = 100 }: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      const result = await probe();
      if (result !== undefined && result !== null && result !== false) return result;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
      throw new WaitForTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${description}${detail}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
