/**
 * Seconds until the next delivery of a message that failed on its `receiveCount`-th delivery:
 * exponential backoff with "equal jitter" — uniform in [c/2, c] for the ceiling
 * c = base × 2^(n−1), capped at `maxSeconds` — so delays grow with every failure while messages
 * that failed together do not come back together. Never below 1 s: a retry is never a hot loop.
 *
 * @example retryDelaySeconds(3, { baseSeconds: 2, maxSeconds: 300 }) // somewhere in 4…8
 */
export function retryDelaySeconds(
  receiveCount: number,
  settings: { readonly baseSeconds: number; readonly maxSeconds: number },
  random: () => number = Math.random,
): number {
  const exponent = Math.min(30, Math.max(0, receiveCount - 1));
  const ceiling = Math.min(settings.maxSeconds, settings.baseSeconds * 2 ** exponent);
  return Math.max(1, Math.round(ceiling / 2 + (ceiling / 2) * random()));
}
