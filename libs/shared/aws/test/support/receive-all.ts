import { type Message, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';

/**
 * One short receive of up to 10 messages. The wait is short (1 s) because callers poll in a loop;
 * `visibilityTimeoutSeconds: 0` makes a message visible again at once, to re-receive it.
 */
export async function receiveSome(
  sqs: SQSClient,
  queueUrl: string,
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<Message[]> {
  const { Messages = [] } = await sqs.send(
    new ReceiveMessageCommand({
      QueueUrl: queueUrl,
      MaxNumberOfMessages: 10,
      WaitTimeSeconds: 1,
      VisibilityTimeout: options.visibilityTimeoutSeconds,
      MessageSystemAttributeNames: ['ApproximateReceiveCount'],
    }),
  );
  return Messages;
}
