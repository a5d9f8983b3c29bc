/**
 * A DynamoDB attribute value in wire format, structurally (so this lib needs no SDK): the SDK's
 * `AttributeValue` fits it.
 */
export interface WireAttributeValue {
  readonly S?: string;
  readonly N?: string;
  readonly BOOL?: boolean;
  readonly NULL?: boolean;
  readonly L?: readonly WireAttributeValue[];
  readonly M?: Readonly<Record<string, WireAttributeValue>>;
  readonly SS?: readonly string[];
  readonly NS?: readonly string[];
}

/**
 * Plain JavaScript view of a raw (wire-format) DynamoDB item.
 *
 * The document client unmarshals responses, but not the `Item` inside a transaction's
 * `CancellationReasons`, nor the one a failed conditional write carries (the
 * `ReturnValuesOnConditionCheckFailure: ALL_OLD` copy of the item that failed its condition). This decodes exactly the types the stores write — strings, numbers,
 * booleans, null, lists and maps — so those items go through the same codecs as any other read.
 * Numbers become JS numbers: the stores only write safe integers (epoch ms, versions,
 * amounts, status codes).
 */
export function decodeItem(item: Readonly<Record<string, WireAttributeValue>> | undefined): Record<string, unknown> | undefined {
  if (item === undefined) return undefined;
  return Object.fromEntries(Object.entries(item).map(([name, value]) => [name, decodeValue(value)]));
}

function decodeValue(value: WireAttributeValue): unknown {
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
