import type { Message } from '@aws-sdk/client-sqs';

/** A message as a handler sees it; `receiptHandle` settles it. */
export interface ReceivedMessage {
  readonly messageId: string;
  readonly body: string | undefined;
  readonly receiptHandle: string;
  /** How often SQS has handed this message out, this time included (1 on first delivery). */
  readonly receiveCount: number;
  /** When it was first sent to the queue, when SQS said. */
  readonly sentAt: Date | undefined;
  /**
   * When this delivery reached us (local clock). SQS counts its 12-hour visibility limit from the
   * receive, so how far a retry can be pushed out shrinks as the message is held.
   */
  readonly receivedAt: Date;
}

/** The system attributes every receive asks for. */
export const receivedMessageAttributes = ['ApproximateReceiveCount', 'SentTimestamp'] as const;

export function toReceivedMessage(message: Message, receivedAt: Date = new Date()): ReceivedMessage {
  const attributes = message.Attributes ?? {};
  const sent = Number(attributes.SentTimestamp);
  return {
    messageId: message.MessageId ?? '',
    body: message.Body,
    receiptHandle: message.ReceiptHandle ?? '',
    receiveCount: Math.max(1, Number(attributes.ApproximateReceiveCount ?? '1') || 1),
    sentAt: Number.isFinite(sent) && sent > 0 ? new Date(sent) : undefined,
    receivedAt,
  };
}
