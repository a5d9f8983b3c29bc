import { createLogger } from '@ticketing/telemetry';
import { buildReservationApi } from './app';
import { loadReservationApiConfig } from '@ticketing/reservation-api-config';
import { connectReservationApiDependencies } from './dependencies';

/**
 * The OpenAPI documents the API serves at `/openapi.json` on its public and internal listeners,
 * built from its routes without listening or calling anything (no outbox relay, no Redis). The
 * settings below change nothing in the documents; they only keep the build offline.
 */
export async function buildOpenApiDocuments(): Promise<{ readonly public: unknown; readonly internal: unknown }> {
  const config = loadReservationApiConfig({
    JWT_ISSUER: 'https://login.example.com/',
    JWT_AUDIENCE: 'ticketing-api',
    SERVICE_TOKEN_ISSUER: 'https://oidc.example.com/id/EXAMPLE',
    SERVICE_TOKEN_JWKS_URL: 'https://oidc.example.com/id/EXAMPLE/keys',
    OUTBOX_RELAY_ENABLED: 'false',
    RATE_LIMIT_REDIS: 'false',
  });
  const servers = await buildReservationApi(config, connectReservationApiDependencies(config), createLogger({ service: 'reservation-api', level: 'silent' }));
  try {
    await Promise.all([servers.public.ready(), servers.internal.ready()]);
    return { public: servers.public.swagger(), internal: servers.internal.swagger() };
  } finally {
    await servers.public.close();
  }
}
