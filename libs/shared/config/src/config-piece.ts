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

/**
 * The rule for settings that only make sense together (a certificate and its key): both or
 * neither; the missing one is named.
 *
 * @throws ConfigRuleViolation when exactly one of the two is set.
 */
export function requireBothOrNeither(
  first: readonly [variable: string, value: string | undefined],
  second: readonly [variable: string, value: string | undefined],
): void {
  if (Boolean(first[1]) === Boolean(second[1])) return;
  const [missing, present] = first[1] ? [second[0], first[0]] : [first[0], second[0]];
  throw new ConfigRuleViolation(missing, `is required with ${present}`);
}
