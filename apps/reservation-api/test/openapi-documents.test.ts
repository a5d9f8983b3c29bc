import { readFile } from 'node:fs/promises';
import { openApiDocumentFiles } from '@ticketing/reservation-api-contract';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocuments } from '../src/openapi-documents';

/**
 * The committed documents (and so the typed clients generated from them) are exactly what the API
 * serves: a route changed without `npm run openapi:generate` fails here, and a client the change
 * breaks fails to compile.
 */
describe('the committed OpenAPI documents', () => {
  it('are what the API serves on its public and internal listeners', async () => {
    const served = await buildOpenApiDocuments();
    for (const name of ['public', 'internal'] as const) {
      const committed = JSON.parse(await readFile(openApiDocumentFiles[name], 'utf8')) as unknown;
      expect(served[name], `${name}: run \`npm run openapi:generate\` and commit the result`).toEqual(committed);
    }
  });
});
