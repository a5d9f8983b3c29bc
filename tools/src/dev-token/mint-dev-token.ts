import { createSigner } from 'fast-jwt';

/** What a dev token says and how it is signed. */
export interface DevTokenRequest {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  /** Becomes the user id in the API. */
  readonly subject: string;
  /** Written as the space-separated `scope` claim; e.g. `seats:read`. */
  readonly scopes?: readonly string[];
  readonly ttlSeconds: number;
}

/**
 * Mints an HS256 token the reservation API accepts in `AUTH_MODE=dev-hs256`, with `iss`, `aud`,
 * `sub`, `iat` and `exp` set. Only meaningful against an API sharing `secret`; deployed APIs verify
 * RS/ES tokens from their issuer and refuse HS256 outright.
 *
 * @example
 * const token = mintDevToken({ secret, issuer: 'ticketing-dev', audience: 'ticketing-api', subject: 'user-1', ttlSeconds: 3600 });
 */
export function mintDevToken(request: DevTokenRequest): string {
  const sign = createSigner({
    algorithm: 'HS256',
    key: request.secret,
    iss: request.issuer,
    aud: request.audience,
    sub: request.subject,
    expiresIn: request.ttlSeconds * 1000, // fast-jwt counts milliseconds
  });
  const scopes = request.scopes?.filter((scope) => scope !== '') ?? [];
  return sign(scopes.length > 0 ? { scope: scopes.join(' ') } : {});
}
