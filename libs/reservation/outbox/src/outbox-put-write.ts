import type { TransactWriteItem } from '@aws-sdk/lib-dynamodb';
import type { OutboxEvent } from '@ticketing/reservation-domain';
import { assertStorableEvent, newOutboxItem } from './outbox-item.codec';

/**
 * One element of a document-client `TransactWriteItems` (`@aws-sdk/lib-dynamodb`'s
 * `TransactWriteItem`: plain JavaScript values, not raw attribute values). Exported under this name
 * so the reservation API can hand it from this lib to its reservation store without importing the SDK.
 */
export type OutboxTransactWriteItem = TransactWriteItem;

/**
 * The Put that stores `event` as PENDING, to go into the SAME `TransactWriteItems` as the
 * reservation change it describes: the change and its event are written together or not at all
 * (DESIGN.md pitfalls: no event published fire-and-forget from the request path).
 *
 * `attribute_not_exists(pk)` makes a reused event id cancel the transaction (cancellation reason
 * `ConditionalCheckFailed` at this element's index) instead of overwriting an event — possibly one
 * already published.
 *
 * @example
 * ```ts
 * await documents.send(new TransactWriteCommand({
 *   TransactItems: [reservationPut, outboxPutWrite(expiredEvent, { table: outboxTable })],
 * }));
 * ```
 * @throws TicketingError INTERNAL if the event could never be stored or published: an id with
 *   characters outside `[A-Za-z0-9_.:-]`, a detail that uses the reserved `message_id` field or is not
 *   serialisable, or a PutEvents entry over 256 KB.
 */
export function outboxPutWrite(event: OutboxEvent, options: { readonly table: string }): OutboxTransactWriteItem {
  assertStorableEvent(event);
  return {
    Put: {
      TableName: options.table,
      Item: newOutboxItem(event),
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
}
