// src/generated/ is committed and never edited by hand: generating it again from the committed
// documents must reproduce it byte for byte.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { generatedTypesFiles, type OpenApiDocumentName } from '../src/document-files';
import { generatedTypesOf } from '../scripts/openapi-types';

describe('committed generated types', () => {
  it.each(['public', 'internal'] as const)('src/generated/%s.ts is what openapi-typescript generates from the document', async (name: OpenApiDocumentName) => {
    expect(await readFile(generatedTypesFiles[name], 'utf8'), 'run `npm run openapi:generate` and commit the result').toBe(await generatedTypesOf(name));
  });
});
