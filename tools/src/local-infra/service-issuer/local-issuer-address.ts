/** Where the local service-token issuer listens; fixed like the apps' local ports (see the README's port table). */
export const localIssuerPort = 8090;

/** The issuer URL: the `iss` of every local service token, and the inventory's SERVICE_TOKEN_ISSUER. */
export const localIssuerUrl = `http://127.0.0.1:${localIssuerPort}`;

/** Where the issuer publishes its keys (the Kubernetes API server's own path). */
export const localJwksPath = '/openid/v1/jwks';

/** The inventory's SERVICE_TOKEN_JWKS_URL locally. */
export const localJwksUrl = `${localIssuerUrl}${localJwksPath}`;
