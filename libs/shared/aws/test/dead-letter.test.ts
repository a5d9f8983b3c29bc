import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { QueueDefinition, ResourceDefinitions } from '@ticketing/resources';
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pollUntil } from '../src/poll-until';
import { provisionedQueue } from '../src/provisioned-resources';
import { type FreshResources, freshResources } from './support/fresh-resources';
import { receiveSome } from './support/receive-all';

// A queue pair of its own with a small maxReceiveCount, so the test needs few receives.
const deadLetters: QueueDefinition = {
  logicalName: 'redrive-dlq',
  owner: 'reservation-worker',
  description: 'test dead letters',
  visibilityTimeoutSeconds: 30,
  receiveMessageWaitTimeSeconds: 0,
  messageRetentionSeconds: 3600,
  access: [],
};
const source: QueueDefinition = {
  ...deadLetters,
  logicalName: 'redrive-source',
  messageRetentionSeconds: 1800,
  deadLetter: { queue: deadLetters.logicalName, maxReceiveCount: 2 },
};
const definitions: ResourceDefinitions = { tables: [], queues: [source, deadLetters], eventBuses: [], rules: [] };

describe('redrive to the dead-letter queue', () => {
  let fresh: FreshResources;
  beforeEach(async () => {
    fresh = await freshResources({ definitions });
  });
  afterEach(() => fresh.cleanup());

  it('moves a message received more than maxReceiveCount times to the DLQ', async () => {
    const sourceUrl = provisionedQueue(fresh.resources, 'redrive-source').url;
    const dlqUrl = provisionedQueue(fresh.resources, 'redrive-dlq').url;
    const body = randomUUID();
    await fresh.clients.sqs.send(new SendMessageCommand({ QueueUrl: sourceUrl, MessageBody: body }));

    let receivesFromSource = 0;
    const deadLettered = await pollUntil(
      async () => {
        // Never deleted, visible again at once: each receive counts as a failed attempt.
        const fromSource = await receiveSome(fresh.clients.sqs, sourceUrl, { visibilityTimeoutSeconds: 0 });
        receivesFromSource += fromSource.filter((message) => message.Body === body).length;
        const fromDlq = await receiveSome(fresh.clients.sqs, dlqUrl);
        return fromDlq.find((message) => message.Body === body);
      },
      { timeoutMs: 60_000, intervalMs: 100 },
    );

    expect(deadLettered, 'the message should reach the DLQ').toBeDefined();
    expect(receivesFromSource).toBe(2);
    expect(Number(deadLettered?.Attributes?.ApproximateReceiveCount)).toBeGreaterThan(0);
    const leftInSource = await receiveSome(fresh.clients.sqs, sourceUrl);
    expect(leftInSource.map((message) => message.Body)).not.toContain(body);
  });
});
