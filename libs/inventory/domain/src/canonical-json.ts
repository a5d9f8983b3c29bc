import { createHash } from 'node:crypto';

/**
 * JSON with every object's keys sorted, so equal data always gives the same text whatever order
 * its properties were created in. Arrays keep their order (it is meaningful: rows front to back).
 * Dates become ISO strings through their own `toJSON`; callers pass `null` rather than
 * `undefined` for an absent value, because JSON drops `undefined` properties silently.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, nested: unknown) => (isPlainObject(nested) ? sortedKeys(nested) : nested));
}

/** Lower-case hex sha256 of the UTF-8 text: the form every fingerprint of the inventory takes. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

function sortedKeys(value: Record<string, unknown>): Record<string, unknown> {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    sorted[key] = value[key];
  }
  return sorted;
}
