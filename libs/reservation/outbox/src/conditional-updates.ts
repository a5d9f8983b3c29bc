import { BatchExecuteStatementCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { awsErrorName, conditionFailedCode, mapConcurrently } from '@ticketing/stored-items';

/** One PartiQL `UPDATE … WHERE <key> AND <condition>` with its `?` parameters. */
export interface ConditionalUpdate {
  readonly statement: string;
  readonly parameters: readonly unknown[];
}

/** How one update ended: applied, refused by its condition, or not attempted/failed (`code` says why). */
export type ConditionalUpdateOutcome =
  | { readonly status: 'applied' }
  | { readonly status: 'condition-failed' }
  | { readonly status: 'error'; readonly code: string; readonly message: string };

/** DynamoDB's limit of statements in one BatchExecuteStatement. */
const maxStatementsPerCall = 25;
/** Calls in flight at once (OUTBOX_BATCH_SIZE ≤ 100 makes at most 4). */
const concurrentCalls = 4;

/**
 * Runs conditional updates 25 to a BatchExecuteStatement call. Each statement succeeds or fails on
 * its own, at the price of a plain UpdateItem — unlike TransactWriteItems (all or none, twice the
 * write capacity) — so a relay's N lease or mark writes are N/25 round trips instead of N. A call
 * that fails as a whole (outage, throttling) fails each of its statements with the SDK error's
 * name; it never throws, so the outcomes of the other calls are kept.
 *
 * @returns one outcome per update, in input order.
 */
export async function runConditionalUpdates(
  documents: DynamoDBDocumentClient,
  updates: readonly ConditionalUpdate[],
): Promise<ConditionalUpdateOutcome[]> {
  const calls: ConditionalUpdate[][] = [];
  for (let start = 0; start < updates.length; start += maxStatementsPerCall) {
    calls.push(updates.slice(start, start + maxStatementsPerCall));
  }
  const outcomes = await mapConcurrently(calls, concurrentCalls, async (statements) => {
    try {
      const { Responses = [] } = await documents.send(
        new BatchExecuteStatementCommand({
          Statements: statements.map((update) => ({ Statement: update.statement, Parameters: [...update.parameters] })),
        }),
      );
      return statements.map((_, index): ConditionalUpdateOutcome => {
        const error = Responses[index]?.Error;
        if (!error) return { status: 'applied' };
        if (error.Code === conditionFailedCode) return { status: 'condition-failed' };
        return { status: 'error', code: error.Code ?? 'Unknown', message: error.Message ?? '' };
      });
    } catch (error) {
      const failed: ConditionalUpdateOutcome = {
        status: 'error',
        code: awsErrorName(error) ?? 'Unknown',
        message: error instanceof Error ? error.message : String(error),
      };
      return statements.map(() => failed);
    }
  });
  return outcomes.flat();
}

/** A PartiQL identifier: double-quoted, so reserved words such as `status` need no special care. */
export function quoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
