/**
 * One dependency a service needs before it can take traffic, e.g. "DynamoDB answers".
 * `check` throws (or rejects) when the dependency is not usable.
 */
export interface ReadinessCheck {
  readonly name: string;
  readonly check: () => Promise<void>;
}

/** The outcome of {@link evaluateReadiness}, as served on `/ready`. */
export interface ReadinessReport {
  readonly ready: boolean;
  readonly checks: Readonly<Record<string, 'ok' | 'failing'>>;
}

/**
 * Runs all checks concurrently, each bounded by `timeoutMs` so a hanging dependency makes the
 * service not-ready instead of hanging the probe. Failure reasons are not part of the report
 * (probes are unauthenticated); callers log them via `onFailure`.
 */
export async function evaluateReadiness(
  checks: readonly ReadinessCheck[],
  timeoutMs: number,
  onFailure: (name: string, error: unknown) => void = () => undefined,
): Promise<ReadinessReport> {
  const outcomes = await Promise.all(
    checks.map(async ({ name, check }) => {
      try {
        await withTimeout(check(), timeoutMs, name);
        return [name, 'ok'] as const;
      } catch (error) {
        onFailure(name, error);
        return [name, 'failing'] as const;
      }
    }),
  );
  return {
    ready: outcomes.every(([, outcome]) => outcome === 'ok'),
    checks: Object.fromEntries(outcomes),
  };
}

async function withTimeout<T>(work: Promise<T>, timeoutMs: number, name: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
