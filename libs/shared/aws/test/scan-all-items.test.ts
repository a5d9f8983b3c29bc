import { BatchWriteCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { provisionedTable } from '../src/provisioned-resources';
import { scanAllItems } from '../src/scan-all-items';
import { type FreshResources, freshResources } from './support/fresh-resources';

describe('scanAllItems on DynamoDB Local', () => {
  let fresh: FreshResources;
  let table: string;
  // ~1.2 MB in all: more than the 1 MB one Scan page returns, so the helper has to follow the pages.
  const items = Array.from({ length: 300 }, (_, index) => ({
    pk: `EVENT#evt_scan#SECTION#A#BLOCK#${index % 7}`,
    sk: `SEAT#A-${index}`,
    padding: 'x'.repeat(4_000),
  }));

  beforeAll(async () => {
    fresh = await freshResources({ only: { tables: ['inventory-seats'] } });
    table = provisionedTable(fresh.resources, 'inventory-seats').name;
    for (let start = 0; start < items.length; start += 25) {
      const batch = items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } }));
      await fresh.clients.documents.send(new BatchWriteCommand({ RequestItems: { [table]: batch } }));
    }
  });
  afterAll(() => fresh?.cleanup());

  it('returns every item of a table that takes more than one page', async () => {
    const firstPage = await fresh.clients.documents.send(new ScanCommand({ TableName: table }));
    expect(firstPage.LastEvaluatedKey).toBeDefined();

    const scanned = await scanAllItems(fresh.clients.documents, table);

    expect(scanned.map((item) => item['sk']).sort()).toEqual(items.map((item) => item.sk).sort());
  });
});
