import { TransactionCanceledException, type CancellationReason } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { documentClientFor, localAwsClients } from '@ticketing/testing';

/*
 * DynamoDB Local serialises transactions, so it never answers TransactionConflict or throttles.
 * These faults are the one thing that cannot run here; they are injected into an otherwise real
 * client (the calls that get through reach DynamoDB Local), as AWS would raise them.
 */

/** A document client whose next `failures` TransactWriteItems calls are cancelled with `code`. */
export function clientFailingTransactions(failures: number, code: CancellationReason['Code'] & string): {
  documents: DynamoDBDocumentClient;
  attempts: () => number;
  destroy: () => void;
} {
  const client = localAwsClients().dynamodb;
  const documents = documentClientFor(client);
  let remaining = failures;
  let attempts = 0;
  documents.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== 'TransactWriteItemsCommand') return next(args);
      attempts++;
      if (remaining-- <= 0) return next(args);
      const items = (args.input as { TransactItems?: unknown[] }).TransactItems ?? [];
      throw new TransactionCanceledException({
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${code}]`,
        $metadata: { httpStatusCode: 400 },
        CancellationReasons: items.map((_, index) => ({ Code: index === 0 ? code : 'None' })),
      });
    },
    { step: 'initialize', name: 'injectTransactionFaults' },
  );
  return { documents, attempts: () => attempts, destroy: () => client.destroy() };
}
