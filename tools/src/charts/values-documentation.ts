import { isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';

/** One documented value of a chart's values.yaml. */
export interface ValueDocumentation {
  /** Dotted path, e.g. `serviceAccount.roleArn`. */
  readonly key: string;
  readonly type: 'string' | 'int' | 'bool' | 'list' | 'object' | 'float' | 'null';
  /** The default as compact JSON. */
  readonly defaultValue: string;
  /** The text of its `# --` comment; undefined when the value has none. */
  readonly description: string | undefined;
}

/**
 * Every value of a values.yaml with its `# --` comment (the helm-docs convention): leaves, lists
 * and empty maps are values; a map with keys is a section, documented through its keys.
 *
 * The YAML parser attaches the comment above a map's first key to the map itself, so that case
 * is looked up there.
 */
export function documentedValues(valuesYaml: string): ValueDocumentation[] {
  const document = parseDocument(valuesYaml);
  const [error] = document.errors;
  if (error) throw new Error(`values.yaml does not parse: ${error.message}`);
  if (!isMap(document.contents)) throw new Error('values.yaml must be a map');
  const values: ValueDocumentation[] = [];
  walk(document.contents, '', values);
  return values;
}

function walk(map: YAMLMap, prefix: string, values: ValueDocumentation[]): void {
  map.items.forEach((pair: Pair, index) => {
    const key = `${prefix}${String(isScalar(pair.key) ? pair.key.value : pair.key)}`;
    const comment = (pair.key as Node | null)?.commentBefore ?? (index === 0 ? map.commentBefore : undefined);
    const value = pair.value as Node | null;
    if (isMap(value) && value.items.length > 0) {
      walk(value, `${key}.`, values);
      return;
    }
    values.push({ key, ...describeValue(value), description: descriptionOf(comment) });
  });
}

function describeValue(value: Node | null): Pick<ValueDocumentation, 'type' | 'defaultValue'> {
  const json = value?.toJSON() as unknown;
  if (isSeq(value)) return { type: 'list', defaultValue: JSON.stringify(json) };
  if (isMap(value)) return { type: 'object', defaultValue: JSON.stringify(json) };
  if (json === null || json === undefined) return { type: 'null', defaultValue: 'null' };
  if (typeof json === 'boolean') return { type: 'bool', defaultValue: String(json) };
  if (typeof json === 'number') return { type: Number.isInteger(json) ? 'int' : 'float', defaultValue: String(json) };
  return { type: 'string', defaultValue: JSON.stringify(json) };
}

/** The `# -- …` paragraph of a comment block (lines before it, such as `## Section`, are not part of it). */
function descriptionOf(comment: string | null | undefined): string | undefined {
  if (!comment) return undefined;
  const lines = comment.split('\n').map((line) => line.trim());
  const start = lines.findIndex((line) => line.startsWith('--'));
  const first = lines[start];
  if (first === undefined) return undefined;
  const paragraph: string[] = [first.slice(2).trim()];
  for (const line of lines.slice(start + 1)) {
    if (line === '' || line.startsWith('#')) break;
    paragraph.push(line);
  }
  return paragraph.join(' ').trim() || undefined;
}

/** The values as a Markdown table: key, type, default, description. */
export function renderValuesTable(values: readonly ValueDocumentation[]): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  return [
    '| key | type | default | description |',
    '| --- | --- | --- | --- |',
    ...values.map(
      (value) =>
        `| \`${value.key}\` | ${value.type} | \`${cell(value.defaultValue)}\` | ${cell(value.description ?? '(undocumented)')} |`,
    ),
  ].join('\n');
}
