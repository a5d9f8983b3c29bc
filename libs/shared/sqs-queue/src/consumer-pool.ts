import { setTimeout as sleep } from 'node:timers/promises';
import { SQSClient } from '@aws-sdk/client-sqs';
import { Consumer } from 'sqs-consumer';
import { receivedMessageAttributes, toReceivedMessage, type ReceivedMessage } from './received-message';

/** How a {@link ConsumerPool} receives. */
export interface ConsumerPoolOptions {
  /** Where SQS is; the pool receives through a client of its own (see `stop`). */
  readonly sqs: { readonly region: string; readonly endpoint?: string | undefined };
  readonly queueUrl: string;
  /** Messages handled at the same time, at most. */
  readonly concurrency: number;
  /** Messages per receive, 1–10 (SQS's limit). */
  readonly batchSize: number;
  /** Long-poll wait per receive, 0–20 s. */
  readonly waitTimeSeconds: number;
  /**
   * Handles one message and settles it (delete, back off or dead-letter) itself. A rejection is
   * reported through `onHandlerError` and leaves the message alone: it reappears when its
   * visibility timeout runs out.
   */
  readonly handle: (message: ReceivedMessage) => Promise<void>;
  readonly onReceiveError: (error: Error) => void;
  readonly onHandlerError: (error: unknown, message: ReceivedMessage) => void;
}

/**
 * Long-polling receive loops from sqs-consumer, enough of them to keep `concurrency` messages in
 * hand: one consumer handles the messages of one receive together and polls again when all are
 * done, so `ceil(concurrency / batchSize)` consumers run side by side with batch sizes adding up
 * to exactly `concurrency`.
 *
 * The consumers only receive. Deleting is switched off in them: handlers settle each message
 * through their own client (see MessageSettler) after their work succeeded, which keeps
 * at-least-once delivery in one place and lets `stop` cut the pool's receive connections without
 * cutting a deletion in flight.
 */
export class ConsumerPool {
  private readonly consumers: Consumer[];
  private readonly receiveClient: SQSClient;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly options: ConsumerPoolOptions) {
    const batchSizes = splitIntoBatches(options.concurrency, options.batchSize);
    this.receiveClient = new SQSClient({ region: options.sqs.region, endpoint: options.sqs.endpoint });
    this.consumers = batchSizes.map((batchSize) => {
      const consumer = Consumer.create({
        sqs: this.receiveClient,
        queueUrl: options.queueUrl,
        batchSize,
        waitTimeSeconds: options.waitTimeSeconds,
        messageSystemAttributeNames: [...receivedMessageAttributes],
        shouldDeleteMessages: false,
        // A message whose handler resolved is settled already; nothing is left for the library to do.
        handleMessage: async (message) => {
          await this.track(toReceivedMessage(message));
          return undefined;
        },
      });
      consumer.on('error', (error) => options.onReceiveError(error));
      return consumer;
    });
  }

  /** Messages being handled right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  start(): void {
    for (const consumer of this.consumers) consumer.start();
  }

  /**
   * Stops polling and waits, up to `deadlineMs`, for the receives still open and every message in
   * hand: a receive that returns messages during the wait has them handled like any other. Then
   * it closes the receive connections. Resolves with how many messages were still unfinished:
   * those are not deleted and reappear after their visibility timeout, for this or another worker.
   *
   * Receives are not aborted at once, because SQS hides the messages of a receive when it answers
   * it: a receive cut off while its answer is under way would delay them by the visibility timeout.
   * An idle long poll therefore makes shutdown take up to `min(deadlineMs, waitTimeSeconds)`.
   */
  async stop(deadlineMs: number): Promise<{ readonly unfinished: number }> {
    for (const consumer of this.consumers) consumer.stop();
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline && (this.inFlight.size > 0 || this.consumers.some((consumer) => consumer.status.isPolling))) {
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
    }
    this.receiveClient.destroy();
    return { unfinished: this.inFlight.size };
  }

  private async track(message: ReceivedMessage): Promise<void> {
    const handling = this.options.handle(message).catch((error: unknown) => this.options.onHandlerError(error, message));
    this.inFlight.add(handling);
    try {
      await handling;
    } finally {
      this.inFlight.delete(handling);
    }
  }
}

/** Batch sizes of the consumers: `concurrency` split into receives of at most `batchSize`. */
export function splitIntoBatches(concurrency: number, batchSize: number): number[] {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) throw new RangeError(`batchSize must be 1–10, got ${batchSize}`);
  const sizes: number[] = [];
  for (let left = concurrency; left > 0; left -= batchSize) sizes.push(Math.min(batchSize, left));
  return sizes;
}
