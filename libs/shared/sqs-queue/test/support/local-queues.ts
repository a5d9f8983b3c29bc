import type { SQSClient } from '@aws-sdk/client-sqs';
import { createIsolatedAwsResources, localStandIns } from '@ticketing/testing';

/** One test's worker queue and dead-letter queue. */
export interface FreshWorkerQueues {
  readonly sqs: SQSClient;
  /** Where the emulator is, for a ConsumerPool (which receives through a client of its own). */
  readonly location: { readonly region: string; readonly endpoint: string };
  readonly prefix: string;
  /** `reservation-worker`, redriving to the DLQ after `maxReceiveCount` receives. */
  readonly queue: ProvisionedTestQueue;
  /** `reservation-worker-dlq`. */
  readonly deadLetterQueue: ProvisionedTestQueue;
  /** Deletes both queues and closes the client; safe to call more than once. */
  cleanup(): Promise<void>;
}

export interface ProvisionedTestQueue {
  readonly name: string;
  readonly url: string;
}

/** The worker queue pair, provisioned by the harness from the production definitions under a prefix of their own. */
export async function freshWorkerQueues(): Promise<FreshWorkerQueues> {
  const aws = await createIsolatedAwsResources({ only: { queues: ['reservation-worker-dlq', 'reservation-worker'] } });
  const { name, url } = aws.queue('reservation-worker');
  const deadLetter = aws.queue('reservation-worker-dlq');
  return {
    sqs: aws.clients.sqs,
    location: { region: localStandIns.aws.region, endpoint: localStandIns.aws.sqsEndpoint },
    prefix: aws.prefix,
    queue: { name, url },
    deadLetterQueue: { name: deadLetter.name, url: deadLetter.url },
    cleanup: () => aws.cleanup(),
  };
}
