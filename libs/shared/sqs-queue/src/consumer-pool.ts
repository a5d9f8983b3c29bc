import { setTimeout as sleep } from 'node:timers/promises';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
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

/** After a failed receive, wait this long before the loop receives again. */
const receiveErrorPauseMs = 1_000;

/**
 * Keeps up to `concurrency` messages in hand: `ceil(concurrency / batchSize)` long-polling receive
 * loops, each asking for as many messages as there are free slots (at most `batchSize`), and every
 * message handled on its own — a slot is refilled the moment its message is done.
 *
 * Written here instead of using sqs-consumer, which the first version did: one sqs-consumer loop
 * handles a receive's messages together and polls again only when the slowest is done, and
 * bench:worker measured 4 of 10 slots busy on average that way.
 *
 * The pool only receives. Handlers settle each message through their own client (see
 * MessageSettler) after their work succeeded, which keeps at-least-once delivery in one place and
 * lets `stop` cut the pool's receive connections without cutting a deletion in flight.
 */
export class ConsumerPool {
  private readonly receiveClient: SQSClient;
  private readonly loopCount: number;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly loops: Promise<void>[] = [];
  private readonly abortReceives = new AbortController();
  /** Slots promised to receives under way, so that two loops never ask for the same free slot. */
  private reserved = 0;
  private stopping = false;
  /** Loops waiting for a free slot. */
  private waiting: (() => void)[] = [];

  constructor(private readonly options: ConsumerPoolOptions) {
    this.loopCount = splitIntoBatches(options.concurrency, options.batchSize).length;
    this.receiveClient = new SQSClient({ region: options.sqs.region, endpoint: options.sqs.endpoint });
  }

  /** Messages being handled right now. */
  get inFlightCount(): number {
    return this.inFlight.size;
  }

  start(): void {
    for (let index = 0; index < this.loopCount; index += 1) this.loops.push(this.receiveLoop());
  }

  /**
   * Stops receiving and waits, up to `deadlineMs`, for the receives still open and every message in
   * hand: a receive that returns messages during the wait has them handled like any other. Then
   * it closes the receive connections. Resolves with how many messages were still unfinished:
   * those are not deleted and reappear after their visibility timeout, for this or another worker.
   *
   * Receives are not aborted at once, because SQS hides the messages of a receive when it answers
   * it: a receive cut off while its answer is under way would delay them by the visibility timeout.
   * An idle long poll therefore makes shutdown take up to `min(deadlineMs, waitTimeSeconds)`.
   */
  async stop(deadlineMs: number): Promise<{ readonly unfinished: number }> {
    this.stopping = true;
    this.wakeLoops();
    const loopsDone = Promise.allSettled(this.loops);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<'deadline'>((resolve) => {
      timer = setTimeout(() => resolve('deadline'), deadlineMs);
    });
    if ((await Promise.race([loopsDone, deadline])) === 'deadline') this.abortReceives.abort();
    // Messages a last receive handed over are in `inFlight` by now; give them the rest of the time.
    while (this.inFlight.size > 0 && (await Promise.race([Promise.allSettled([...this.inFlight]), deadline])) !== 'deadline') {
      // Handlers may finish one by one; loop until none is left or the deadline passed.
    }
    clearTimeout(timer);
    this.abortReceives.abort();
    this.receiveClient.destroy();
    return { unfinished: this.inFlight.size };
  }

  private async receiveLoop(): Promise<void> {
    while (!this.stopping) {
      const wanted = Math.min(this.options.batchSize, this.options.concurrency - this.inFlight.size - this.reserved);
      if (wanted <= 0) {
        await new Promise<void>((resolve) => this.waiting.push(resolve));
        continue;
      }
      this.reserved += wanted;
      let messages: ReceivedMessage[] = [];
      try {
        const { Messages = [] } = await this.receiveClient.send(
          new ReceiveMessageCommand({
            QueueUrl: this.options.queueUrl,
            MaxNumberOfMessages: wanted,
            WaitTimeSeconds: this.options.waitTimeSeconds,
            MessageSystemAttributeNames: [...receivedMessageAttributes],
          }),
          { abortSignal: this.abortReceives.signal },
        );
        messages = Messages.map((message) => toReceivedMessage(message));
      } catch (error) {
        if (this.abortReceives.signal.aborted) return;
        this.options.onReceiveError(error instanceof Error ? error : new Error(String(error)));
        if (!this.stopping) await sleep(receiveErrorPauseMs);
      } finally {
        this.reserved -= wanted;
      }
      for (const message of messages) this.track(message);
    }
  }

  private track(message: ReceivedMessage): void {
    const handling = Promise.resolve()
      .then(() => this.options.handle(message))
      .catch((error: unknown) => this.options.onHandlerError(error, message))
      .finally(() => {
        this.inFlight.delete(handling);
        this.wakeLoops();
      });
    this.inFlight.add(handling);
  }

  /** Lets loops waiting for a free slot (or told to stop) look again. */
  private wakeLoops(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}

/** Batch sizes of the receives that fill `concurrency` slots: receives of at most `batchSize`. */
export function splitIntoBatches(concurrency: number, batchSize: number): number[] {
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`concurrency must be a positive integer, got ${concurrency}`);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10) throw new RangeError(`batchSize must be 1–10, got ${batchSize}`);
  const sizes: number[] = [];
  for (let left = concurrency; left > 0; left -= batchSize) sizes.push(Math.min(batchSize, left));
  return sizes;
}
