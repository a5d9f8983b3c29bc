/**
 * Writes `src/generated/<document>.ts` from the committed OpenAPI documents (the second step of
 * `npm run openapi:generate`, after the reservation API wrote the documents).
 */
import { writeFile } from 'node:fs/promises';
import { generatedTypesFiles, type OpenApiDocumentName } from '../src/document-files';
import { generatedTypesOf } from './openapi-types';

for (const name of Object.keys(generatedTypesFiles) as OpenApiDocumentName[]) {
  await writeFile(generatedTypesFiles[name], await generatedTypesOf(name));
  console.log(`openapi: wrote ${generatedTypesFiles[name]}`);
}
