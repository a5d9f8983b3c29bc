import { GetQueueUrlCommand, type SQSClient } from '@aws-sdk/client-sqs';

/** The URL of the queue named `queueName` (in the client's account and region). */
export async function queueUrlOf(sqs: SQSClient, queueName: string): Promise<string> {
  const { QueueUrl } = await sqs.send(new GetQueueUrlCommand({ QueueName: queueName }));
  if (!QueueUrl) throw new Error(`SQS returned no URL for queue ${queueName}`);
  return QueueUrl;
}
