import { createHmac, generateKeyPairSync, randomUUID, sign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Algorithms the test issuer signs with. */
export type IssuerAlgorithm = 'RS256' | 'ES256';

/** One signing key of the issuer: the private half signs, the public JWK is what gets published. */
export interface IssuerKey {
  readonly kid: string;
  readonly alg: IssuerAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
  readonly publicJwk: Readonly<Record<string, unknown>>;
}

/** Claims and header knobs for {@link TestJwtIssuer.mint}. */
export interface MintOptions {
  /** Signing key; the issuer's first published key of `alg` (default RS256) when omitted. */
  readonly key?: IssuerKey;
  readonly alg?: IssuerAlgorithm;
  /** Overrides or removes (`undefined`) standard claims; adds any others. */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** Overrides header fields, e.g. a different `kid`. */
  readonly header?: Readonly<Record<string, unknown>>;
}

/**
 * A real, minimal OIDC-style issuer for tests: an HTTP server on 127.0.0.1 serving its public keys
 * as a JWKS, and the matching private keys to mint tokens with. Keys can be added
 * and retired at runtime (rotation), the key set can be made to fail (issuer outage), and requests
 * are counted so tests can tell whether the verifier fetched.
 */
export interface TestJwtIssuer {
  /** `http://127.0.0.1:<port>`, also the `iss` of minted tokens. */
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly audience: string;
  /** How many times the key set was requested. */
  readonly jwksRequests: number;
  /** Keys currently published, oldest first. */
  readonly publishedKeys: readonly IssuerKey[];
  /** Generates a key and publishes it (unless `publish: false`, for "signed by another key"). */
  createKey(alg: IssuerAlgorithm, options?: { readonly publish?: boolean }): IssuerKey;
  /** Stops publishing a key. */
  retire(key: IssuerKey): void;
  /** While false, the key set answers 503. */
  setAvailable(available: boolean): void;
  /** A signed token: `iss`, `aud`, `sub`, `iat`, `exp` (+1 h) by default, then `options.claims`. */
  mint(options?: MintOptions): string;
  close(): Promise<void>;
}

/**
 * Starts a {@link TestJwtIssuer} with one RS256 and one ES256 key published, serving them at
 * `jwksPath` (default `/.well-known/jwks.json`).
 *
 * @example
 * const issuer = await startJwtIssuer({ audience: 'ticketing-api' });
 * const token = issuer.mint({ alg: 'ES256', claims: { sub: 'user-1' } });
 */
export async function startJwtIssuer(options: {
  readonly audience: string;
  readonly jwksPath?: string;
}): Promise<TestJwtIssuer> {
  const jwksPath = options.jwksPath ?? '/.well-known/jwks.json';
  const published: IssuerKey[] = [];
  let requests = 0;
  let available = true;

  const server: Server = createServer((request, response) => {
    if (request.url !== jwksPath) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"error":"not found"}');
      return;
    }
    requests += 1;
    if (!available) {
      response.writeHead(503, { 'content-type': 'application/json' }).end('{"error":"unavailable"}');
      return;
    }
    response
      .writeHead(200, { 'content-type': 'application/json' })
      .end(JSON.stringify({ keys: published.map((key) => key.publicJwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const createKey: TestJwtIssuer['createKey'] = (alg, { publish = true } = {}) => {
    const { privateKey, publicKey } =
      alg === 'RS256' ? generateKeyPairSync('rsa', { modulusLength: 2048 }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const kid = `${alg.toLowerCase()}-${randomUUID()}`;
    const key: IssuerKey = {
      kid,
      alg,
      privateKey,
      publicKey,
      publicJwk: { ...publicKey.export({ format: 'jwk' }), kid, alg, use: 'sig' },
    };
    if (publish) published.push(key);
    return key;
  };
  createKey('RS256');
  createKey('ES256');

  return {
    issuer,
    jwksUrl: `${issuer}${jwksPath}`,
    audience: options.audience,
    get jwksRequests() {
      return requests;
    },
    get publishedKeys() {
      return [...published];
    },
    createKey,
    retire(key) {
      const index = published.indexOf(key);
      if (index >= 0) published.splice(index, 1);
    },
    setAvailable(value) {
      available = value;
    },
    mint({ alg = 'RS256', key, claims = {}, header = {} } = {}) {
      const signingKey = key ?? published.find((candidate) => candidate.alg === alg);
      if (!signingKey) throw new Error(`the test issuer publishes no ${alg} key`);
      const now = Math.floor(Date.now() / 1000);
      const payload = { iss: issuer, aud: options.audience, sub: 'user-1', iat: now, exp: now + 3600, ...claims };
      return encodeJwt({ alg: signingKey.alg, typ: 'JWT', kid: signingKey.kid, ...header }, payload, (input) =>
        signWithKey(signingKey, input),
      );
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

/**
 * Serialises a JWS in compact form with whatever header, payload and signature the test wants,
 * including ones no honest library would produce (alg `none`, HMAC keyed with a public key).
 * Properties set to `undefined` are left out, so tests can drop a claim.
 */
export function encodeJwt(
  header: Readonly<Record<string, unknown>>,
  payload: unknown,
  signature: (signingInput: string) => Buffer | string,
): string {
  const signingInput = `${base64url(header)}.${base64url(payload)}`;
  const signed = signature(signingInput);
  return `${signingInput}.${typeof signed === 'string' ? signed : signed.toString('base64url')}`;
}

/** An HS256 signature with `secret` as the HMAC key (a dev token, or a key-confusion forgery). */
export function hmacSha256(secret: string | Buffer): (signingInput: string) => Buffer {
  return (input) => createHmac('sha256', secret).update(input).digest();
}

function signWithKey(key: IssuerKey, input: string): Buffer {
  // JWS wants ECDSA signatures as raw r||s, not DER.
  return key.alg === 'ES256'
    ? sign('sha256', Buffer.from(input), { key: key.privateKey, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', Buffer.from(input), key.privateKey);
}

function base64url(value: unknown): string {
  return Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64url');
}

/**
 * The reservation API's environment trusting `issuer` for both its callers: users' tokens (the
 * audience the issuer mints by default) and the service-account tokens of its internal endpoints,
 * in the production modes (local mode on only because the issuer is on loopback).
 */
export function apiTrustingIssuer(issuer: TestJwtIssuer): Record<string, string> {
  return {
    JWT_ISSUER: issuer.issuer,
    JWT_AUDIENCE: issuer.audience,
    AUTH_ALLOW_INSECURE_ISSUER: 'true',
    SERVICE_AUTH_MODE: 'service-account',
    SERVICE_AUTH_LOCAL_MODE: 'true',
    SERVICE_TOKEN_ISSUER: issuer.issuer,
    SERVICE_TOKEN_JWKS_URL: issuer.jwksUrl,
  };
}
