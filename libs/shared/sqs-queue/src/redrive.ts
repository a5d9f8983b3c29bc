import { DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** What one redrive moved. */
export interface RedriveResult {
  readonly moved: number;
  /** Dead-letter reasons of the moved messages (from the worker's attributes; `redrive-policy` when SQS moved it). */
  readonly reasons: Readonly<Record<string, number>>;
}

/**
 * Moves messages from a dead-letter queue back to the queue they came from, after the cause was
 * fixed: each is sent to `toQueueUrl` with its body unchanged, then deleted from the DLQ (a crash
 * between the two leaves a copy in both: a duplicate, which the consumer's processed-event records
 * absorb, never a loss). Stops when the DLQ answers empty or `max` messages moved.
 */
export async function redriveMessages(
  sqs: SQSClient,
  options: { readonly fromQueueUrl: string; readonly toQueueUrl: string; readonly max: number },
): Promise<RedriveResult> {
  let moved = 0;
  const reasons: Record<string, number> = {};
  while (moved < options.max) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: options.fromQueueUrl,
        MaxNumberOfMessages: Math.min(10, options.max - moved),
        WaitTimeSeconds: 1,
        VisibilityTimeout: 60,
        MessageAttributeNames: ['All'],
      }),
    );
    if (Messages.length === 0) break;
    for (const message of Messages) {
      await sqs.send(new SendMessageCommand({ QueueUrl: options.toQueueUrl, MessageBody: message.Body ?? '' }));
      await sqs.send(new DeleteMessageCommand({ QueueUrl: options.fromQueueUrl, ReceiptHandle: message.ReceiptHandle }));
      const reason = message.MessageAttributes?.['dead_letter_reason']?.StringValue ?? 'redrive-policy';
      reasons[reason] = (reasons[reason] ?? 0) + 1;
      moved += 1;
    }
  }
  return { moved, reasons };
}
