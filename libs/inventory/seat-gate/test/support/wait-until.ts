/**
 * Polls `condition` every `intervalMs` until it holds; rejects naming `description` after
 * `timeoutMs`. Tests poll for a state instead of sleeping a guessed time.
 */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  description: string,
  { timeoutMs = 5_000, intervalMs = 10 } = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${description}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
