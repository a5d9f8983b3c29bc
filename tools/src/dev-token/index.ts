export { devTokenConfigPieces, loadDevTokenConfig } from './dev-token.config';
export { localJwtDevSecret } from './local-jwt-dev-secret';
export { mintDevToken, type DevTokenRequest } from './mint-dev-token';
