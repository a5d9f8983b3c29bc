import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';

/**
 * Every item of a table, page by page, with strongly consistent reads.
 *
 * For audits and tests of small tables only (an invariant checker, a support query on a local
 * stand-in): a Scan reads, and in AWS bills, the whole table, so request paths never use it.
 * Apps and the test harness may not import the SDK (module boundaries), hence this helper here.
 *
 * @example
 * ```ts
 * const seats = await scanAllItems(clients.documents, provisionedTable(resources, 'inventory-seats').name);
 * ```
 */
export async function scanAllItems(documents: DynamoDBDocumentClient, tableName: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return items;
}
