/*
 * The vocabulary of the IdempotencyStore (DESIGN.md "Idempotency-Key"). Plain data: an app can use
 * these types without touching the SDK.
 */

/** The response stored for a completed request and replayed to its retries. */
export interface StoredResponse {
  /** HTTP status; only final outcomes are stored (see `isFinalStatusCode`). */
  readonly statusCode: number;
  /** The JSON body as sent; stored as JSON text and replayed parsed. */
  readonly body: unknown;
  /** Headers to replay (e.g. `location`); names as the API sends them. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Who asks to run which request under which Idempotency-Key. */
export interface IdempotencyClaimRequest {
  /** The authenticated user (JWT `sub`); must not contain `#`. Every key is scoped to it. */
  readonly userId: string;
  /** The client's Idempotency-Key header, 1 to 255 characters. */
  readonly key: string;
  /** Hash of method + path + body (the caller computes it, e.g. sha256 hex). */
  readonly requestHash: string;
  /** The claimant's clock: judges leases and expiry. */
  readonly now: Date;
}

/** What {@link IdempotencyClaimRequest} got. */
export type ClaimResult =
  /** This request owns the key now: run it, then complete (final outcome) or release (not final). */
  | { readonly outcome: 'claimed'; readonly claimToken: string }
  /** The same request already finished: answer with its stored response, run nothing. */
  | { readonly outcome: 'replay'; readonly response: StoredResponse }
  /** The key was used with a different request: 409 IDEMPOTENCY_CONFLICT. */
  | { readonly outcome: 'conflict' }
  /** The same request is still running elsewhere: 409 IDEMPOTENCY_IN_PROGRESS with Retry-After. */
  | { readonly outcome: 'in-flight'; readonly retryAfterSeconds: number };

/**
 * A claim this caller holds: the request's identity plus the `claimToken` its `claimed` result
 * carried. Completing or releasing needs the token, so a request whose lease ran out and was
 * taken over can no longer complete or delete its successor's claim (a fencing token).
 */
export interface IdempotencyClaim {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly claimToken: string;
}

/** A final response to store for a request whose claim was kept elsewhere (Redis). */
export interface UnclaimedCompletion {
  readonly userId: string;
  readonly key: string;
  readonly requestHash: string;
  readonly response: StoredResponse;
  /** Completion time; the record expires `ttlMs` after it. */
  readonly now: Date;
}

/** A claim plus the final response to store for it. */
export interface IdempotencyCompletion extends IdempotencyClaim {
  readonly response: StoredResponse;
  /** Completion time; the record expires `ttlMs` after it. */
  readonly now: Date;
}
