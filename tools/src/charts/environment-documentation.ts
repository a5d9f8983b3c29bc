import { configReference } from '@ticketing/config';
import { forbiddenVariables, localOnlyVariables, type ChartDefinition } from './chart-definitions';

/** Where a pod's value of one app variable comes from. */
export type VariableSource = 'config' | 'secret' | 'local-only';

/** One variable the app reads, and how the chart provides it. */
export interface ChartVariable {
  readonly variable: string;
  readonly source: VariableSource;
}

/**
 * Every variable the app reads, classified: a credential (from the Secret), development-only (not
 * set), or plain configuration (a `config` key, hence a ConfigMap key). The chart tests hold the
 * rendered Deployment to exactly this.
 */
export function chartVariables(definition: ChartDefinition): ChartVariable[] {
  return configReference(definition.configPieces).map(({ variable }) => ({
    variable,
    source: definition.secretVariables.includes(variable)
      ? 'secret'
      : variable in localOnlyVariables
        ? 'local-only'
        : 'config',
  }));
}

/** The chart README's "Environment" section: the app variables the chart does not put in the ConfigMap. */
export function renderEnvironment(definition: ChartDefinition): string {
  const variables = chartVariables(definition);
  const inConfig = variables.filter((variable) => variable.source === 'config').length;
  const provision = ({ variable, source }: ChartVariable) => {
    if (source === 'secret') return `from the Secret \`credentials.secretName\`, key \`credentials.keys.${variable}\``;
    if (forbiddenVariables.includes(variable)) return `never set, refused by the values schema: ${localOnlyVariables[variable]}`;
    return `not set (\`config.${variable}\` may set it for a cluster running the stand-ins): ${localOnlyVariables[variable]}`;
  };
  const rows = variables
    .filter((variable) => variable.source !== 'config')
    .map((variable) => `| \`${variable.variable}\` | ${provision(variable)} |`);
  return [
    `Of the ${variables.length} variables the app reads, ${inConfig} are plain settings, one \`config\` key each (the ConfigMap). The others:`,
    '',
    '| variable | how the chart provides it |',
    '| --- | --- |',
    ...rows,
    '| `NODE_OPTIONS` | `nodeOptions` (read by Node, not the app) |',
  ].join('\n');
}
