import { fileURLToPath } from 'node:url';

/**
 * Where the committed OpenAPI documents are: exactly what the reservation API serves at
 * `/openapi.json` on its public and internal listeners (`npm run openapi:generate` writes them;
 * a test of the API fails when they differ from what it serves).
 */
export const openApiDocumentFiles = {
  public: fileURLToPath(new URL('../openapi/public.json', import.meta.url)),
  internal: fileURLToPath(new URL('../openapi/internal.json', import.meta.url)),
} as const;

/** The two documents, by name. */
export type OpenApiDocumentName = keyof typeof openApiDocumentFiles;

/** Where the TypeScript types generated from a document are. */
export const generatedTypesFiles: Readonly<Record<OpenApiDocumentName, string>> = {
  public: fileURLToPath(new URL('./generated/public.ts', import.meta.url)),
  internal: fileURLToPath(new URL('./generated/internal.ts', import.meta.url)),
};
