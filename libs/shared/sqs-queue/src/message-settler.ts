import { ChangeMessageVisibilityCommand, DeleteMessageCommand, SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { ReceivedMessage } from './received-message';

/** SQS caps a message's visibility at 12 hours, counted from the receive (not from the change). */
const maxVisibilitySeconds = 12 * 60 * 60;

/** Room for the receive's round trip: SQS's clock started before our `receivedAt`. */
const receiveLeewaySeconds = 5;

/**
 * Ends a received message's turn. Every call goes through the caller's SQS client, independent of
 * the consumer's receive loop, so stopping that loop (which closes its own connections) never
 * cancels the deletion of a message that was handled.
 */
export class MessageSettler {
  constructor(
    private readonly sqs: SQSClient,
    private readonly queueUrl: string,
    private readonly deadLetterQueueUrl: string,
  ) {}

  /** Handled: the message is deleted. */
  async acknowledge(message: ReceivedMessage): Promise<void> {
    await this.sqs.send(new DeleteMessageCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle }));
  }

  /**
   * Try again later: the message stays on the queue, invisible for `delaySeconds`. Its receive
   * count keeps growing with each delivery, so the queue's redrive policy dead-letters it after
   * maxReceiveCount attempts.
   *
   * The delay is capped so the message's visibility ends within 12 hours of its receive: SQS
   * rejects a change past that (InvalidParameterValue) instead of capping it, so a plain 12-hour
   * cap fails for any message held even a moment.
   */
  async retryLater(message: ReceivedMessage, delaySeconds: number): Promise<void> {
    const heldSeconds = Math.ceil(Math.max(0, Date.now() - message.receivedAt.getTime()) / 1000);
    const longest = Math.max(0, maxVisibilitySeconds - heldSeconds - receiveLeewaySeconds);
    const visibility = Math.min(longest, Math.max(0, Math.round(delaySeconds)));
    await this.sqs.send(
      new ChangeMessageVisibilityCommand({ QueueUrl: this.queueUrl, ReceiptHandle: message.receiptHandle, VisibilityTimeout: visibility }),
    );
  }

  /**
   * Never going to work (malformed, unknown type, a permanent refusal): the message goes to the
   * dead-letter queue at once, with the reason as message attributes, and is then deleted here.
   * If the send fails nothing is deleted, so the message is not lost either way.
   */
  async deadLetter(message: ReceivedMessage, reason: { readonly kind: string; readonly detail: string }): Promise<void> {
    await this.sqs.send(
      new SendMessageCommand({
        QueueUrl: this.deadLetterQueueUrl,
        MessageBody: message.body ?? '',
        MessageAttributes: {
          dead_letter_reason: { DataType: 'String', StringValue: reason.kind },
          dead_letter_detail: { DataType: 'String', StringValue: reason.detail.slice(0, 1024) || reason.kind },
          source_message_id: { DataType: 'String', StringValue: message.messageId || 'unknown' },
        },
      }),
    );
    await this.acknowledge(message);
  }
}
