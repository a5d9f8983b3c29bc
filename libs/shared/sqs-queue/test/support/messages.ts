import { randomBytes } from 'node:crypto';
import { ReceiveMessageCommand, SendMessageCommand, type Message, type SQSClient } from '@aws-sdk/client-sqs';
import { toReceivedMessage, type ReceivedMessage } from '../../src/received-message';

/** Bodies no other test uses: `{"test_id":"<prefix>-<n>"}`. */
export function uniqueBodies(count: number): string[] {
  const run = randomBytes(4).toString('hex');
  return Array.from({ length: count }, (_, index) => JSON.stringify({ test_id: `${run}-${index}` }));
}

/** Sends each body as one message; resolves with the message ids in the same order. */
export async function sendBodies(sqs: SQSClient, queueUrl: string, bodies: readonly string[]): Promise<string[]> {
  const sent = await Promise.all(bodies.map((body) => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))));
  return sent.map(({ MessageId }) => MessageId ?? '');
}

/** One receive (long-polling 1 s) with every attribute, as SQS answered it. */
export async function receiveRaw(sqs: SQSClient, queueUrl: string, options: { readonly visibilityTimeoutSeconds?: number } = {}): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: options.visibilityTimeoutSeconds,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    }),
  );
  return Messages;
}

/** Receives until the message with this body turns up, as a handler would see it. */
export async function receiveBody(sqs: SQSClient, queueUrl: string, body: string): Promise<ReceivedMessage> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const found = (await receiveRaw(sqs, queueUrl)).find((message) => message.Body === body);
    if (found) return toReceivedMessage(found);
  }
  throw new Error(`message ${body} did not arrive on ${queueUrl}`);
}

/** A promise with its resolver, to hold a handler until the test lets it go. */
export function gate(): { readonly opened: Promise<void>; open(): void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}
