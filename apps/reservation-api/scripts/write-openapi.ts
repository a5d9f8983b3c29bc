/**
 * Writes the OpenAPI documents the API serves into the reservation-api contract lib (the first
 * step of `npm run openapi:generate`; the second generates the TypeScript types from them).
 */
import { writeFile } from 'node:fs/promises';
import { openApiDocumentFiles } from '@ticketing/reservation-api-contract';
import { buildOpenApiDocuments } from '../src/openapi-documents';

const documents = await buildOpenApiDocuments();
for (const name of ['public', 'internal'] as const) {
  await writeFile(openApiDocumentFiles[name], `${JSON.stringify(documents[name], null, 2)}\n`);
  console.log(`openapi: wrote ${openApiDocumentFiles[name]}`);
}
