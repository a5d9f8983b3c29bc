import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { openApiDocumentFiles, type OpenApiDocumentName } from '../src/document-files';

type Json = Record<string, unknown>;

/** One example of the document and the schema it must satisfy. */
interface ExampleCase {
  readonly where: string;
  readonly schema: Json;
  readonly value: unknown;
}

/**
 * Every example in a document, with its schema: media types (`example`, `examples.*.value`),
 * parameters (`example`) and schemas (`example`, checked against the schema itself).
 */
function examplesOf(node: unknown, where: string, found: ExampleCase[] = []): ExampleCase[] {
  if (Array.isArray(node)) {
    node.forEach((item, index) => examplesOf(item, `${where}[${index}]`, found));
    return found;
  }
  if (typeof node !== 'object' || node === null) return found;
  const object = node as Json;
  const schema = object['schema'] as Json | undefined;
  if (schema && 'example' in object) found.push({ where, schema, value: object['example'] });
  if (schema && typeof object['examples'] === 'object') {
    for (const [name, example] of Object.entries(object['examples'] as Record<string, { value: unknown }>)) {
      found.push({ where: `${where} (${name})`, schema, value: example.value });
    }
  }
  if (!schema && 'example' in object && ('type' in object || 'properties' in object)) {
    const { example, ...itself } = object;
    found.push({ where, schema: itself, value: example });
  }
  for (const [key, value] of Object.entries(object)) examplesOf(value, `${where}/${key}`, found);
  return found;
}

describe.each(['public', 'internal'] as const)('the %s OpenAPI document', (name: OpenApiDocumentName) => {
  const document = JSON.parse(readFileSync(openApiDocumentFiles[name], 'utf8')) as Json;
  const examples = examplesOf(document['paths'], 'paths');
  // OpenAPI 3.0 schema objects are JSON Schema plus a few annotations (`nullable`, `example`): not strict.
  const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));

  it('has examples for requests and answers', () => {
    expect(examples.length).toBeGreaterThan(name === 'public' ? 10 : 2);
  });

  it('has only examples that satisfy their schema', () => {
    const invalid = examples
      .map(({ where, schema, value }) => {
        const validate = ajv.compile(schema);
        return validate(value) ? undefined : { where, errors: ajv.errorsText(validate.errors) };
      })
      .filter((problem) => problem !== undefined);
    expect(invalid).toEqual([]);
  });
});
