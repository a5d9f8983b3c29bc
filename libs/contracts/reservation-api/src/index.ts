/**
 * The reservation API's contract: its OpenAPI documents (committed, checked against what the API
 * serves), the TypeScript types openapi-typescript generates from them, and typed clients.
 */
export { generatedTypesFiles, openApiDocumentFiles, type OpenApiDocumentName } from './document-files';
export type { components as PublicComponents, paths as PublicPaths } from './generated/public';
export type { components as InternalComponents, paths as InternalPaths } from './generated/internal';
export {
  createInternalApiClient,
  createReservationApiClient,
  type ApiClientOptions,
  type InternalApiClient,
  type ReservationApiClient,
} from './reservation-api-client';
