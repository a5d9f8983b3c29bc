/**
 * Bearer-token authentication of the reservation API: the `auth` config piece, `installAuth` to
 * register verification on the server, and the `requireUser` route hook.
 */
export {
  authConfig,
  devTokenIssuer,
  type AuthConfig,
  type DevHs256AuthConfig,
  type JwksAuthConfig,
} from '@ticketing/reservation-api-config';
export { requireUser } from './auth.guards';
export { type AuthenticatedUser } from './authenticated-user';
export { installAuth } from './install-auth';
