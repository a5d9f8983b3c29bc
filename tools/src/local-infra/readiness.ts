import { setTimeout as sleep } from 'node:timers/promises';
import { sendRedisCommand } from './redis-protocol';

/** A single "does it answer yet?" attempt; must not throw for a stand-in that is merely not up. */
export type ReadinessProbe = () => Promise<boolean>;

/** How a bounded wait ended. */
export type WaitOutcome = 'ready' | 'timeout' | 'exited';

/** Options for {@link waitUntilReady}. */
export interface WaitUntilReadyOptions {
  readonly probe: ReadinessProbe;
  readonly timeoutMs: number;
  readonly intervalMs?: number;
  /** Checked between attempts so a process that crashed at start fails now, not at the timeout. */
  readonly hasExited?: () => Promise<boolean>;
}

/** Polls `probe` until it passes, the process exits, or `timeoutMs` elapses. */
export async function waitUntilReady(options: WaitUntilReadyOptions): Promise<WaitOutcome> {
  const deadline = Date.now() + options.timeoutMs;
  for (;;) {
    if (await options.probe().catch(() => false)) return 'ready';
    if (options.hasExited !== undefined && (await options.hasExited())) return 'exited';
    if (Date.now() >= deadline) return 'timeout';
    await sleep(options.intervalMs ?? 250);
  }
}

/** One call of an AWS JSON-protocol API (the wire format of DynamoDB, SQS and EventBridge). */
export interface AwsJsonCall {
  readonly endpoint: string;
  /** Signing name, e.g. `dynamodb`, `sqs`. */
  readonly service: string;
  /** `X-Amz-Target`, e.g. `DynamoDB_20120810.ListTables`. */
  readonly target: string;
  /** `application/x-amz-json-1.0` or `-1.1`, depending on the service. */
  readonly contentType: string;
}

/**
 * True when the endpoint answers the call with HTTP 200.
 *
 * Plain fetch instead of an AWS SDK client, which the tools project may not import. The stand-ins
 * check that an Authorization header names a credential but never verify the signature, so a
 * syntactically valid placeholder is enough.
 */
export async function awsJsonCallSucceeds(call: AwsJsonCall): Promise<boolean> {
  const response = await fetch(call.endpoint, {
    method: 'POST',
    headers: {
      'Content-Type': call.contentType,
      'X-Amz-Target': call.target,
      Authorization: `AWS4-HMAC-SHA256 Credential=local/20240101/us-east-1/${call.service}/aws4_request, SignedHeaders=host, Signature=local`,
    },
    body: '{}',
    signal: AbortSignal.timeout(2000),
  });
  await response.body?.cancel();
  return response.status === 200;
}

/** True when a Redis server on `host:port` replies PONG. */
export async function redisAnswersPing(host: string, port: number): Promise<boolean> {
  return (await sendRedisCommand(host, port, ['PING'])) === 'PONG';
}
