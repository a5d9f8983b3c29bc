import type { TSchema } from 'typebox';
import { forbiddenVariables, type ChartDefinition } from './chart-definitions';

/** A JSON Schema fragment, as written into values.schema.json. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * The JSON Schema of a chart's `config` values, derived from the app's own config schemas (the
 * TypeBox schemas that validate the environment at boot), so `helm install` refuses a value the
 * app would refuse, before any pod starts.
 *
 * - Every variable the app reads may be set, except credentials (they come from a Secret) and the
 *   development-only authentication switches ({@link forbiddenVariables}); anything else is a
 *   typo and refused.
 * - An empty string means "unset" (the app applies its own default), except for the variables
 *   the chart reads itself or deliberately overrides: those must carry a value.
 * - Ports must be real ports (the app accepts 0, "any free port", which no probe can reach).
 */
export function configValuesSchema(definition: ChartDefinition): JsonSchema {
  const nonEmpty = new Set([...definition.chartReadVariables, ...Object.keys(definition.chartDefaults)]);
  const excluded = new Set([...definition.secretVariables, ...forbiddenVariables]);
  const properties: Record<string, JsonSchema> = {};
  for (const piece of Object.values(definition.configPieces)) {
    for (const [variable, schema] of Object.entries(piece.env as Record<string, TSchema>)) {
      if (excluded.has(variable)) continue;
      const valueSchema = asValueSchema(schema, nonEmpty.has(variable));
      properties[variable] = nonEmpty.has(variable)
        ? valueSchema
        : { anyOf: [valueSchema, { type: 'string', maxLength: 0 }], description: valueSchema['description'] };
    }
  }
  return {
    type: 'object',
    description: 'Environment variables of the app, one ConfigMap key each; an empty string means unset.',
    additionalProperties: false,
    required: [...nonEmpty].sort(),
    properties,
  };
}

/**
 * One app variable's schema as a values schema: defaults dropped (the chart's values carry their
 * own), choices as an `enum`, ports from 1, and TypeBox's bookkeeping keys left out.
 */
function asValueSchema(schema: TSchema, mustBeSet: boolean): Record<string, unknown> {
  const { default: _default, anyOf, ...rest } = JSON.parse(JSON.stringify(schema)) as Record<string, unknown>;
  const result: Record<string, unknown> = Object.fromEntries(Object.entries(rest).filter(([key]) => !key.startsWith('~')));
  if (Array.isArray(anyOf)) {
    const choices = anyOf.map((option: { const?: unknown }) => option.const);
    if (choices.some((choice) => typeof choice !== 'string')) {
      throw new Error(`unsupported union in a config schema: ${JSON.stringify(anyOf)}`);
    }
    result['type'] = 'string';
    result['enum'] = choices;
  }
  if (result['type'] === 'integer' && result['maximum'] === 65535 && result['minimum'] === 0) result['minimum'] = 1;
  const pattern = result['pattern'];
  if (typeof pattern === 'string') Object.assign(result, withinRegexRepeatLimit(pattern));
  if (mustBeSet && result['type'] === 'string' && result['minLength'] === undefined && result['enum'] === undefined) {
    result['minLength'] = 1;
  }
  return sortKeys(result);
}

/**
 * Helm validates patterns with Go's RE2, which refuses repeat counts above 1000; a whole-string
 * `^[class]{min,max}$` becomes `^[class]+$` with minLength/maxLength, which means the same.
 */
function withinRegexRepeatLimit(pattern: string): Record<string, unknown> {
  const bounded = /^\^(\[[^\]]+\])\{(\d+),(\d+)\}\$$/.exec(pattern);
  if (!bounded || Number(bounded[3]) <= 1000) return {};
  const [, characterClass, min, max] = bounded;
  return { pattern: `^${characterClass}${Number(min) > 0 ? '+' : '*'}$`, minLength: Number(min), maxLength: Number(max) };
}

function sortKeys(schema: Record<string, unknown>): Record<string, unknown> {
  const order = ['description', 'type', 'enum', 'minimum', 'maximum', 'minLength', 'maxLength', 'pattern'];
  return Object.fromEntries(
    Object.entries(schema).sort(([a], [b]) => rank(order, a) - rank(order, b) || a.localeCompare(b)),
  );
}

function rank(order: readonly string[], key: string): number {
  const index = order.indexOf(key);
  return index === -1 ? order.length : index;
}
