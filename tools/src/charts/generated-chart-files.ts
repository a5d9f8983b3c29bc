import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderAwsResources } from './aws-resources-documentation';
import type { ChartDefinition } from './chart-definitions';
import { renderEnvironment } from './environment-documentation';
import { documentedValues, renderValuesTable } from './values-documentation';
import { renderValuesSchema } from './values-schema';

/** The workspace's charts/ directory. */
export const chartsDirectory = fileURLToPath(new URL('../../../charts/', import.meta.url));

/** A file of a chart that `npm run charts:generate` writes, with its wanted and current text. */
export interface GeneratedChartFile {
  readonly path: string;
  readonly current: string;
  readonly wanted: string;
}

/** The README sections the generator owns, between `<!-- name:start -->` and `<!-- name:end -->`. */
export type ReadmeSectionName = 'values' | 'environment' | 'aws-resources';

/** The generated text of each README section of a chart. */
export async function readmeSections(definition: ChartDefinition): Promise<Record<ReadmeSectionName, string>> {
  const valuesYaml = await readFile(join(chartsDirectory, definition.chart, 'values.yaml'), 'utf8');
  return {
    values: renderValuesTable(documentedValues(valuesYaml)),
    environment: renderEnvironment(definition),
    'aws-resources': renderAwsResources(definition.chart),
  };
}

/**
 * Replaces the text between a section's markers.
 * @throws Error when the markers are missing, so a README cannot silently lose a section.
 */
export function replaceSection(markdown: string, name: string, content: string): string {
  const pattern = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!pattern.test(markdown)) throw new Error(`the markers <!-- ${name}:start --> / <!-- ${name}:end --> are missing`);
  return markdown.replace(pattern, (_match, start: string, end: string) => `${start}\n${content}\n${end}`);
}

/**
 * The generated files of one chart: values.schema.json, and the README with its generated
 * sections brought up to date (the rest of the README is prose, written by hand).
 */
export async function generatedChartFiles(definition: ChartDefinition): Promise<GeneratedChartFile[]> {
  const directory = join(chartsDirectory, definition.chart);
  const readmePath = join(directory, 'README.md');
  const schemaPath = join(directory, 'values.schema.json');
  const readme = await readFile(readmePath, 'utf8');
  let wantedReadme = readme;
  for (const [name, content] of Object.entries(await readmeSections(definition))) {
    wantedReadme = replaceSection(wantedReadme, name, content);
  }
  return [
    { path: readmePath, current: readme, wanted: wantedReadme },
    { path: schemaPath, current: await readFile(schemaPath, 'utf8').catch(() => ''), wanted: renderValuesSchema(definition) },
  ];
}
