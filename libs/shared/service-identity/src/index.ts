/**
 * Trust between the platform's services: a caller presents a service-account token from a file
 * the kubelet rotates ({@link ServiceTokenFile}); the callee verifies it against the issuer's JWKS
 * ({@link createServiceTokenVerifier}) and authorizes the operation for that service account
 * ({@link ServiceAccessPolicy}). The JWKS key source and token messages serve end-user tokens too.
 */
export { jwksAlgorithms, parseJwksAlgorithms, type JwksAlgorithm } from './jwks-algorithms';
export { createJwksKeySource, type JwksKeySource, type JwksKeySourceOptions, type TokenHeader } from './jwks-key-source';
export { isLoopbackHost } from './loopback-host';
export { warnIfLocalMode } from './local-mode-warning';
export { bearerTokenOf, isSameSecret } from './bearer-token';
export { platformServiceAccounts, reservationApiTokenAudience } from './platform-service-accounts';
export { ServiceAccessPolicy } from './service-access-policy';
export {
  localModeVariable,
  readServiceTokenSettings,
  serviceAccountList,
  serviceAccountListVariable,
  serviceTokenVariables,
  type ServiceTokenSettings,
} from './service-token.config';
export { ServiceTokenFile } from './service-token-file';
export {
  createServiceTokenVerifier,
  type ServiceCaller,
  type ServiceTokenVerifier,
  type ServiceTokenVerifierSettings,
} from './service-token-verifier';
export { tokenRejection } from './token-rejection';
export { assertTrustworthyUrl } from './trusted-url';
