/** One environment variable that failed validation, and why. */
export interface ConfigIssue {
  readonly variable: string;
  readonly problem: string;
}

/**
 * Thrown at boot when the environment does not describe a valid configuration. The message names
 * every bad variable at once so an operator fixes them in one round, and never echoes values
 * (they may be secrets).
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(readonly issues: readonly ConfigIssue[]) {
    super(
      `Invalid configuration:\n${issues.map((issue) => `  ${issue.variable}: ${issue.problem}`).join('\n')}`,
    );
  }
}
