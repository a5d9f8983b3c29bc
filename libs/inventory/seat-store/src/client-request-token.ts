import { createHash } from 'node:crypto';

/** DynamoDB's limit on `ClientRequestToken`. */
const maxTokenLength = 36;

/**
 * The `ClientRequestToken` of a hold's placing transaction: the hold id itself when it fits
 * DynamoDB's 36 characters (reservation ids do), else the first 32 hex digits of its sha256.
 *
 * Tokens are remembered per AWS account and region for 10 minutes, across tables: a hold id is
 * therefore used as a token for the placing transaction only, never for another operation.
 */
export function clientRequestTokenFor(holdId: string): string {
  if (holdId.length <= maxTokenLength) return holdId;
  return createHash('sha256').update(holdId).digest('hex').slice(0, 32);
}
