import { TicketingError } from '@ticketing/errors';

/*
 * Typed reads of attributes from a stored item. A missing or mistyped attribute is a corrupt item
 * (or a bug in a codec), never the caller's fault: it surfaces as INTERNAL naming the attribute.
 */

/** A stored item as the document client returns it. */
export type StoredItem = Readonly<Record<string, unknown>>;

function corrupt(item: StoredItem, name: string, expected: string): TicketingError {
  return new TicketingError('INTERNAL', `Stored item ${String(item['pk'])}/${String(item['sk'])} has no ${expected} "${name}"`);
}

/** A required string attribute. */
export function stringAttribute(item: StoredItem, name: string): string {
  const value = item[name];
  if (typeof value !== 'string') throw corrupt(item, name, 'string');
  return value;
}

/** An optional string attribute. */
export function optionalStringAttribute(item: StoredItem, name: string): string | undefined {
  return item[name] === undefined ? undefined : stringAttribute(item, name);
}

/** A required number attribute. */
export function numberAttribute(item: StoredItem, name: string): number {
  const value = item[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw corrupt(item, name, 'number');
  return value;
}

/** An optional number attribute. */
export function optionalNumberAttribute(item: StoredItem, name: string): number | undefined {
  return item[name] === undefined ? undefined : numberAttribute(item, name);
}

/** A required epoch-milliseconds attribute as a Date. */
export function dateAttribute(item: StoredItem, name: string): Date {
  return new Date(numberAttribute(item, name));
}

/** An optional epoch-milliseconds attribute as a Date. */
export function optionalDateAttribute(item: StoredItem, name: string): Date | undefined {
  const epochMs = optionalNumberAttribute(item, name);
  return epochMs === undefined ? undefined : new Date(epochMs);
}

/** A required string attribute that must be one of `allowed`. */
export function enumAttribute<T extends string>(item: StoredItem, name: string, allowed: readonly T[]): T {
  const value = stringAttribute(item, name);
  if (!(allowed as readonly string[]).includes(value)) throw corrupt(item, name, `one of ${allowed.join('|')} as`);
  return value as T;
}

/** A required string attribute holding JSON, parsed (shape checks are the caller's). */
export function jsonAttribute(item: StoredItem, name: string): unknown {
  const encoded = stringAttribute(item, name);
  try {
    return JSON.parse(encoded) as unknown;
  } catch (error) {
    throw new TicketingError('INTERNAL', `Stored item ${String(item['pk'])}/${String(item['sk'])} has malformed JSON in "${name}"`, {
      cause: error,
    });
  }
}
