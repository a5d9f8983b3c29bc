/**
 * Idempotency as one unit, in the way AWS Powertools separates it: the engine
 * (`runIdempotently`), the persistence (`IdempotencyStore` on DynamoDB, its records and writes)
 * and the vocabulary they share. The transport adapter (the API's Idempotency-Key handling) lives
 * with the transport and passes in how a refusal becomes a stored answer.
 */
export {
  runIdempotently,
  type IdempotentAnswer,
  type IdempotentOutcome,
  type IdempotentRequest,
} from './idempotent-execution';
export { isFinalStatusCode } from './final-status';
export { tableClaims, type Claim, type ClaimStore, type HeldClaim } from './claim-store';
export { RedisClaims, type RedisClaimsOptions } from './redis-claims';
export {
  IdempotencyStore,
  defaultIdempotencyTtlMs,
  defaultInFlightLeaseMs,
  type IdempotencyStoreOptions,
  type IdempotencyStoreTables,
} from './idempotency.store';
export type {
  ClaimResult,
  IdempotencyClaim,
  IdempotencyClaimRequest,
  IdempotencyCompletion,
  StoredResponse,
  UnclaimedCompletion,
} from './idempotency.types';
