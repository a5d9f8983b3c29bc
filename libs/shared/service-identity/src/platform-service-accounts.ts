/**
 * The platform's services as Kubernetes names them: each chart's ServiceAccount (release named
 * after the app) in namespace `ticketing`. The defaults of who may call what, and the accounts
 * `tools/dev` mints local tokens for.
 */
export const platformServiceAccounts = {
  reservationApi: 'system:serviceaccount:ticketing:reservation-api',
  reservationWorker: 'system:serviceaccount:ticketing:reservation-worker',
} as const;

/**
 * The `aud` of the tokens the worker presents to the reservation API's internal endpoints: the
 * audience of the token its pod mounts, and the API's default SERVICE_TOKEN_AUDIENCE.
 */
export const reservationApiTokenAudience = 'ticketing-reservation-api';
