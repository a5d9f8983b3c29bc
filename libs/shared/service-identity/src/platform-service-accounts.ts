/**
 * The platform's services as Kubernetes names them: each chart's ServiceAccount (release named
 * after the app) in namespace `ticketing`. The defaults of who may call what, and the accounts
 * `tools/dev` mints local tokens for.
 */
export const platformServiceAccounts = {
  reservationApi: 'system:serviceaccount:ticketing:reservation-api',
  reservationWorker: 'system:serviceaccount:ticketing:reservation-worker',
} as const;
