import { TicketingError } from '@ticketing/errors';
import type { StoredResponse } from './idempotency.types';
import { enumAttribute, jsonAttribute, numberAttribute, stringAttribute, type StoredItem } from '@ticketing/stored-items';

/** Life of an idempotency record: claimed (a request runs), then completed (its response stored). */
export type IdempotencyStatus = 'IN_PROGRESS' | 'COMPLETED';

const statuses: readonly IdempotencyStatus[] = ['IN_PROGRESS', 'COMPLETED'];

/** An idempotency record as stored. */
export interface IdempotencyRecord {
  readonly userId: string;
  readonly status: IdempotencyStatus;
  readonly requestHash: string;
  /** Epoch ms until which an IN_PROGRESS claim is its claimant's; absent once COMPLETED. */
  readonly leaseUntil: number | undefined;
  /** DynamoDB TTL, epoch seconds. */
  readonly expiresAtEpoch: number;
  /** The stored response of a COMPLETED record. */
  readonly response: StoredResponse | undefined;
}

/** A record from its stored item; a corrupt item is INTERNAL naming the attribute. */
export function idempotencyRecordFromItem(item: StoredItem): IdempotencyRecord {
  const status = enumAttribute(item, 'status', statuses);
  return {
    userId: stringAttribute(item, 'user_id'),
    status,
    requestHash: stringAttribute(item, 'request_hash'),
    leaseUntil: status === 'IN_PROGRESS' ? numberAttribute(item, 'lease_until') : undefined,
    expiresAtEpoch: numberAttribute(item, 'expires_at_epoch'),
    response: status === 'COMPLETED' ? responseFromItem(item) : undefined,
  };
}

/** The `response_*` attributes of a completed record. */
export function responseAttributes(response: StoredResponse): Record<string, string | number> {
  const attributes: Record<string, string | number> = {
    response_status: response.statusCode,
    response_body: encodeBody(response.body),
  };
  if (response.headers !== undefined) attributes['response_headers'] = JSON.stringify(response.headers);
  return attributes;
}

function encodeBody(body: unknown): string {
  const encoded = JSON.stringify(body);
  if (encoded === undefined) throw new TicketingError('INTERNAL', 'An idempotent response body must be JSON-serialisable');
  return encoded;
}

function responseFromItem(item: StoredItem): StoredResponse {
  const statusCode = numberAttribute(item, 'response_status');
  const body = jsonAttribute(item, 'response_body');
  if (item['response_headers'] === undefined) return { statusCode, body };
  const headers = jsonAttribute(item, 'response_headers');
  if (typeof headers !== 'object' || headers === null || !Object.values(headers).every((value) => typeof value === 'string')) {
    throw new TicketingError('INTERNAL', `Stored item ${String(item['pk'])} has malformed "response_headers"`);
  }
  return { statusCode, body, headers: headers as Record<string, string> };
}
