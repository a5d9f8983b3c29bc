import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { configReference } from '@ticketing/config';
import { resourceDefinitions } from '@ticketing/resources';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { serviceAccountPolicy } from '../src/charts/aws-resources-documentation';
import { allChartDefinitions, forbiddenVariables, localOnlyVariables } from '../src/charts/chart-definitions';
import { chartsDirectory, generatedChartFiles, readmeSections } from '../src/charts/generated-chart-files';
import { documentedValues } from '../src/charts/values-documentation';

const valuesOf = (chart: string) => readFile(join(chartsDirectory, chart, 'values.yaml'), 'utf8');

describe.each(allChartDefinitions)('$chart chart: documentation and generated files', (definition) => {
  const appVariables = configReference(definition.configPieces);
  const appVariableNames = appVariables.map((row) => row.variable);

  it('documents every value of values.yaml with a `# --` comment', async () => {
    const undocumented = documentedValues(await valuesOf(definition.chart)).filter((value) => !value.description);
    expect(undocumented.map((value) => value.key)).toEqual([]);
  });

  it('has its values.schema.json and README sections as npm run charts:generate writes them', async () => {
    // On failure: npm run charts:generate, then review the diff.
    for (const file of await generatedChartFiles(definition)) {
      expect(file.current, file.path).toBe(file.wanted);
    }
  });

  it('names in its definition only variables the app reads', () => {
    const named = [...definition.secretVariables, ...definition.chartReadVariables, ...Object.keys(definition.chartDefaults)];
    expect(named.filter((variable) => !appVariableNames.includes(variable))).toEqual([]);
  });

  it('keeps the app defaults in `config`, except the deliberate in-cluster defaults', async () => {
    const config = (parse(await valuesOf(definition.chart)) as { config: Record<string, unknown> }).config;
    const differing = appVariables
      .filter(({ variable }) => variable in config)
      .filter(({ variable, defaultValue }) => String(config[variable]) !== (defaultValue ?? ''))
      .map(({ variable }) => variable);
    expect(differing.sort()).toEqual(Object.keys(definition.chartDefaults).sort());
  });

  it('never puts credentials or development-only switches into `config`', async () => {
    const config = (parse(await valuesOf(definition.chart)) as { config: Record<string, unknown> }).config;
    const misplaced = [...definition.secretVariables, ...Object.keys(localOnlyVariables), ...forbiddenVariables].filter((variable) => variable in config);
    expect(misplaced).toEqual([]);
  });

  it('documents exactly the IAM actions the resource definitions grant the service, on the resources that grant them', async () => {
    const granted = [...resourceDefinitions.tables, ...resourceDefinitions.queues, ...resourceDefinitions.eventBuses, ...resourceDefinitions.rules]
      .flatMap((resource) => resource.access.filter((grant) => grant.service === definition.chart).map((grant) => ({ resource, grant })));
    const policy = serviceAccountPolicy(definition.chart);
    expect(new Set(policy.Statement.flatMap((statement) => statement.Action))).toEqual(new Set(granted.flatMap(({ grant }) => grant.actions)));
    for (const { resource, grant } of granted) {
      const statement = policy.Statement.find((candidate) => candidate.Resource.some((arn) => arn.endsWith(`<prefix>${resource.logicalName}`)));
      expect(statement?.Action, resource.logicalName).toEqual(expect.arrayContaining([...grant.actions]));
    }
    const { 'aws-resources': section } = await readmeSections(definition);
    expect(section).toContain(JSON.stringify(policy, null, 2));
  });

  it('lists every app variable the ConfigMap leaves out, and why', async () => {
    const { environment } = await readmeSections(definition);
    const config = (parse(await valuesOf(definition.chart)) as { config: Record<string, unknown> }).config;
    for (const variable of appVariableNames.filter((name) => !(name in config))) {
      expect(environment).toContain(`| \`${variable}\` |`);
    }
  });
});
