import { describe, expect, it } from 'vitest';
import { physicalName } from './physical-name';
import { InvalidResourceNameError } from './resource-definition.errors';

describe('physicalName', () => {
  it('prefixes the logical name', () => {
    expect(physicalName('t-3f9a1c2e-', 'inventory-seats')).toBe('t-3f9a1c2e-inventory-seats');
    expect(physicalName('', 'orders')).toBe('orders');
  });

  it('rejects prefixes SQS would reject in a queue name', () => {
    expect(() => physicalName('prod.', 'orders')).toThrow(InvalidResourceNameError);
    expect(() => physicalName('a b', 'orders')).toThrow(InvalidResourceNameError);
  });

  it('rejects an empty logical name', () => {
    expect(() => physicalName('t-', '')).toThrow(InvalidResourceNameError);
  });
});
