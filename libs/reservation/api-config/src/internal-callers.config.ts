import { ConfigRuleViolation, defineConfigPiece } from '@ticketing/config';
import {
  localModeVariable,
  platformServiceAccounts,
  readServiceTokenSettings,
  reservationApiTokenAudience,
  serviceAccountList,
  serviceAccountListVariable,
  serviceTokenVariables,
  type ServiceTokenSettings,
} from '@ticketing/service-identity';
import Type from 'typebox';

/** How the internal endpoints know their callers (the `internalCallers` config piece). */
export type InternalCallerAuth =
  | (Extract<ServiceTokenSettings, { mode: 'service-account' }> & { readonly workerAccounts: readonly string[] })
  | (Extract<ServiceTokenSettings, { mode: 'static-token' }> & { readonly internalToken: string | undefined });

/**
 * Caller authentication of the internal endpoints (the reservation worker's), on the same
 * variables as the inventory's: service-account tokens for the audience
 * `ticketing-reservation-api` by default; the static-token fallback needs
 * RESERVATION_API_INTERNAL_TOKEN outside local mode. Without either the API refuses to start.
 */
export const internalCallersConfig = defineConfigPiece(
  {
    ...serviceTokenVariables(reservationApiTokenAudience),
    RESERVATION_API_CALLERS_RESERVATION_WORKER: serviceAccountListVariable(
      platformServiceAccounts.reservationWorker,
      'service accounts of the reservation worker: the only callers of the internal endpoints (read a reservation, report a payment, expire)',
    ),
    RESERVATION_API_INTERNAL_TOKEN: Type.Optional(
      Type.String({
        minLength: 16,
        description: 'static-token mode only: the bearer token the worker presents to the internal endpoints',
      }),
    ),
  },
  (env): InternalCallerAuth => {
    const settings = readServiceTokenSettings(env);
    if (settings.mode === 'service-account') {
      return { ...settings, workerAccounts: serviceAccountList(env.RESERVATION_API_CALLERS_RESERVATION_WORKER) };
    }
    if (!env.RESERVATION_API_INTERNAL_TOKEN && !settings.local) {
      throw new ConfigRuleViolation(
        'RESERVATION_API_INTERNAL_TOKEN',
        `is required when SERVICE_AUTH_MODE is static-token; without it anyone reaching the internal port could confirm reservations (${localModeVariable}=true allows that for local development only)`,
      );
    }
    return { ...settings, internalToken: env.RESERVATION_API_INTERNAL_TOKEN };
  },
);
