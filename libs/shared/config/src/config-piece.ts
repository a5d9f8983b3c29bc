import type { Static, TProperties } from 'typebox';
import Type from 'typebox';

/**
 * A reusable slice of configuration: the environment variables it reads (as a TypeBox schema,
 * with defaults and descriptions) and how it turns the validated variables into a typed value.
 * Apps compose pieces in their own `config.ts` so each dependency is configured the same way
 * everywhere (one `DYNAMODB_ENDPOINT`, one `REDIS_URL`, …).
 */
export interface ConfigPiece<Env extends TProperties, Value> {
  readonly env: Env;
  /** Builds the typed value; may throw {@link ConfigRuleViolation} for cross-variable rules. */
  readonly read: (env: Static<ReturnType<typeof Type.Object<Env>>>) => Value;
}

/** A rule spanning several variables was broken (e.g. cluster mode without cluster nodes). */
export class ConfigRuleViolation extends Error {
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    super(`${variable}: ${problem}`);
  }
}

/** Declares a {@link ConfigPiece}; exists only so TypeScript infers both type parameters. */
export function defineConfigPiece<Env extends TProperties, Value>(
  env: Env,
  read: ConfigPiece<Env, Value>['read'],
): ConfigPiece<Env, Value> {
  return { env, read };
}
