import type { TSchema } from 'typebox';
import type { ConfigPiece } from './config-piece';

/** One documented environment variable. */
export interface ConfigVariableReference {
  readonly variable: string;
  readonly defaultValue: string | undefined;
  readonly required: boolean;
  readonly description: string;
}

/**
 * Lists the variables a set of pieces reads, with defaults and descriptions taken from the same
 * schemas that validate them, so documentation cannot drift from behaviour.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- pieces differ in their env shape
export function configReference(pieces: Record<string, ConfigPiece<any, unknown>>): ConfigVariableReference[] {
  const rows = new Map<string, ConfigVariableReference>();
  for (const piece of Object.values(pieces)) {
    for (const [variable, schema] of Object.entries(piece.env as Record<string, TSchema>)) {
      const { default: defaultValue, description = '', '~optional': optional } = schema as {
        default?: unknown;
        description?: string;
        '~optional'?: boolean;
      };
      rows.set(variable, {
        variable,
        defaultValue: defaultValue === undefined ? undefined : String(defaultValue),
        required: defaultValue === undefined && optional !== true,
        description,
      });
    }
  }
  return [...rows.values()];
}

/** The variables as a Markdown table: variable, default, meaning. */
export function renderConfigTable(rows: readonly ConfigVariableReference[]): string {
  const defaultOf = (row: ConfigVariableReference) =>
    row.defaultValue !== undefined ? `\`${row.defaultValue || '""'}\`` : row.required ? '(required)' : '(unset)';
  return [
    '| variable | default | meaning |',
    '| --- | --- | --- |',
    ...rows.map((row) => `| \`${row.variable}\` | ${defaultOf(row)} | ${row.description} |`),
  ].join('\n');
}
