import { idempotencyKeyMarker, keyPrefix, sortKeys } from './item-keys';
import type { TransactionWrite } from './transaction-write';

/** The kind of a {@link TransactionWrite}. */
export type WriteOperation = 'Put' | 'Update' | 'Delete' | 'ConditionCheck';

/**
 * What a write is about, read from its key (each item kind of this lib has its own key shape).
 * Writes built elsewhere — the outbox's puts — are `other`; the caller knows them by `index`.
 */
export type WriteTarget =
  | { readonly kind: 'reservation'; readonly reservationId: string }
  | { readonly kind: 'order'; readonly orderId: string }
  | { readonly kind: 'idempotency-record'; readonly userId: string; readonly idempotencyKey: string }
  | { readonly kind: 'other' };

/** A write's operation, table, key and target. */
export interface WriteDescription {
  readonly operation: WriteOperation;
  readonly tableName: string;
  readonly key: Readonly<Record<string, unknown>>;
  readonly target: WriteTarget;
}

/** Describes `write` (which must hold exactly one operation, as DynamoDB requires). */
export function describeWrite(write: TransactionWrite): WriteDescription {
  const { operation, tableName, key } = operationOf(write);
  return { operation, tableName, key, target: targetOf(key) };
}

/** A short, client-safe name of a write: `reservation rsv_1`, `order ord_1`, `the idempotency record`, `write #3`. */
export function writeLabel(index: number, target: WriteTarget): string {
  switch (target.kind) {
    case 'reservation':
      return `reservation ${target.reservationId}`;
    case 'order':
      return `order ${target.orderId}`;
    case 'idempotency-record':
      return 'the idempotency record';
    case 'other':
      return `write #${index}`;
  }
}

function operationOf(write: TransactionWrite): { operation: WriteOperation; tableName: string; key: Record<string, unknown> } {
  if (write.Put !== undefined) {
    const { pk, sk } = write.Put.Item ?? {};
    return { operation: 'Put', tableName: write.Put.TableName ?? '', key: { pk, sk } };
  }
  if (write.Update !== undefined) return { operation: 'Update', tableName: write.Update.TableName ?? '', key: write.Update.Key ?? {} };
  if (write.Delete !== undefined) return { operation: 'Delete', tableName: write.Delete.TableName ?? '', key: write.Delete.Key ?? {} };
  const check = write.ConditionCheck;
  return { operation: 'ConditionCheck', tableName: check?.TableName ?? '', key: check?.Key ?? {} };
}

function targetOf(key: Readonly<Record<string, unknown>>): WriteTarget {
  const { pk, sk } = key;
  if (typeof pk !== 'string' || typeof sk !== 'string') return { kind: 'other' };
  if (sk === sortKeys.reservation && pk.startsWith(keyPrefix.reservation)) {
    return { kind: 'reservation', reservationId: pk.slice(keyPrefix.reservation.length) };
  }
  if (sk === sortKeys.order && pk.startsWith(keyPrefix.order)) return { kind: 'order', orderId: pk.slice(keyPrefix.order.length) };
  const marker = pk.indexOf(idempotencyKeyMarker);
  if (sk === sortKeys.idempotency && pk.startsWith(keyPrefix.user) && marker > 0) {
    return {
      kind: 'idempotency-record',
      userId: pk.slice(keyPrefix.user.length, marker),
      idempotencyKey: pk.slice(marker + idempotencyKeyMarker.length),
    };
  }
  return { kind: 'other' };
}
