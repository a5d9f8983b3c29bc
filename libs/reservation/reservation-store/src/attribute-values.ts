import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/**
 * Plain JavaScript view of a raw (wire-format) DynamoDB item.
 *
 * The document client unmarshals responses, but not the `Item` inside a transaction's
 * `CancellationReasons`, nor the one a failed conditional PutItem carries (the
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD` copy of a reservation or an idempotency record that
 * failed its condition). This decodes exactly the types the store writes — strings, numbers,
 * booleans, null, lists and maps — so those items go through the same codecs as any other read.
 * Numbers become JS numbers: the store only writes safe integers (epoch ms, versions,
 * amounts, status codes).
 */
export function decodeItem(item: Record<string, AttributeValue> | undefined): Record<string, unknown> | undefined {
  if (item === undefined) return undefined;
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value)]));
}

function decodeValue(value: AttributeValue): unknown {
  if (value.S !== undefined) return value.S;
  if (value.N !== undefined) return Number(value.N);
  if (value.BOOL !== undefined) return value.BOOL;
  if (value.NULL !== undefined) return null;
  if (value.L !== undefined) return value.L.map(decodeValue);
  if (value.M !== undefined) return decodeItem(value.M);
  if (value.SS !== undefined) return new Set(value.SS);
  if (value.NS !== undefined) return new Set(value.NS.map(Number));
  // Binary attributes are never written by this store.
  return undefined;
}
