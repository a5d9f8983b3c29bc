import type { IndexDefinition, KeyAttribute } from './resource-definition.types';

/*
 * Generic key attribute names: each repository decides what goes into `pk`/`sk` (single-table
 * style item shapes), so a new access pattern never needs a table migration, only new values.
 */

/** Partition key of every table. */
export const partitionKey: KeyAttribute = { name: 'pk', type: 'S' };

/** Sort key of every table. */
export const sortKey: KeyAttribute = { name: 'sk', type: 'S' };

/** Epoch-seconds attribute DynamoDB's TTL reads on tables whose records expire. */
export const timeToLiveAttribute = 'expires_at_epoch';

/** The first (and so far only) alternate access path of a table. */
export function gsi1(purpose: string): IndexDefinition {
  return {
    name: 'gsi1',
    partitionKey: { name: 'gsi1pk', type: 'S' },
    sortKey: { name: 'gsi1sk', type: 'S' },
    purpose,
  };
}
