import type { TProperties } from 'typebox';
import Type from 'typebox';
import Value from 'typebox/value';
import { ConfigError, type ConfigIssue } from './config-error';
import { ConfigRuleViolation, type ConfigPiece } from './config-piece';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pieces differ in their env shape
type AnyPiece = ConfigPiece<any, unknown>;
type ValuesOf<Pieces extends Record<string, AnyPiece>> = {
  readonly [Name in keyof Pieces]: DeepReadonly<ReturnType<Pieces[Name]['read']>>;
};
type DeepReadonly<T> = T extends (infer Item)[]
  ? readonly DeepReadonly<Item>[]
  : T extends object
    ? { readonly [Key in keyof T]: DeepReadonly<T[Key]> }
    : T;

/**
 * Validates the environment against every piece's schema and returns the composed, deeply frozen
 * configuration. All problems are reported together in one {@link ConfigError}.
 *
 * Empty strings count as "not set", because Kubernetes and shell scripts often export `VAR=`.
 *
 * @example
 * const config = loadConfig({ aws: awsConfig, redis: redisConfig }, process.env);
 * config.redis.mode; // 'standalone' | 'cluster'
 */
export function loadConfig<Pieces extends Record<string, AnyPiece>>(
  pieces: Pieces,
  env: Readonly<Record<string, string | undefined>>,
): ValuesOf<Pieces> {
  const properties: TProperties = Object.assign({}, ...Object.values(pieces).map((piece) => piece.env));
  const schema = Type.Object(properties);
  const candidate = Value.Convert(schema, Value.Default(schema, pickSetVariables(env, Object.keys(properties))));

  const issues: ConfigIssue[] = Value.Errors(schema, candidate).map((error) => {
    const variable = variableOf(error.instancePath, error.params);
    const { description } = (properties[variable] ?? {}) as { description?: string };
    return { variable, problem: description ? `${error.message} (${description})` : error.message };
  });
  if (issues.length > 0) throw new ConfigError(dedupe(issues));

  const config: Record<string, unknown> = {};
  for (const [name, piece] of Object.entries(pieces)) {
    try {
      config[name] = piece.read(candidate as never);
    } catch (error) {
      if (error instanceof ConfigRuleViolation) issues.push({ variable: error.variable, problem: error.problem });
      else throw error;
    }
  }
  if (issues.length > 0) throw new ConfigError(issues);
  return deepFreeze(config) as ValuesOf<Pieces>;
}

function pickSetVariables(env: Readonly<Record<string, string | undefined>>, names: readonly string[]) {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = env[name];
    if (value !== undefined && value.trim() !== '') picked[name] = value.trim();
  }
  return picked;
}

function variableOf(instancePath: string, params: unknown): string {
  const fromPath = instancePath.replace(/^\//, '').split('/')[0];
  if (fromPath) return fromPath;
  // A missing required variable is reported on the root object with the name in its params.
  const required = (params as { requiredProperties?: string[] } | undefined)?.requiredProperties;
  return required?.join(', ') ?? '(environment)';
}

function dedupe(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Map<string, ConfigIssue>();
  for (const issue of issues) if (!seen.has(issue.variable)) seen.set(issue.variable, issue);
  return [...seen.values()];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const nested of Object.values(value)) deepFreeze(nested);
    Object.freeze(value);
  }
  return value;
}
