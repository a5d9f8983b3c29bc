/*
 * Twin of @ticketing/testing's waitFor, on purpose: a data-access lib's tests may not import the
 * harness (@nx/enforce-module-boundaries allows util libs only). Same contract; keep them in step.
 */

/**
 * Polls `probe` until it returns a value that is neither `undefined`, `null` nor `false`, and
 * returns that value. A probe that throws counts as "not yet"; its last error becomes the timeout
 * error's cause. Tests poll instead of sleeping a guessed time: SQS delivers asynchronously.
 *
 * @throws Error naming `description` once `timeoutMs` (default 30 s) has passed.
 */
export async function waitFor<T>(
  probe: () => Promise<T | undefined | null | false> | T | undefined | null | false,
  { description, timeoutMs = 30_000, intervalMs = 100 }: { readonly description: string; readonly timeoutMs?: number; readonly intervalMs?: number },
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
      throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}${detail}`, { cause: lastError });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
