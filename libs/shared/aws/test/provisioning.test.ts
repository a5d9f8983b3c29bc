import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { ListTargetsByRuleCommand } from '@aws-sdk/client-eventbridge';
import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import { type QueueDefinition, resourceDefinitions } from '@ticketing/resources';
import { afterEach, describe, expect, it } from 'vitest';
import { type AwsClients, createAwsClients } from '../src/aws-clients.factory';
import { deleteResources } from '../src/delete-resources';
import { findExistingResources } from '../src/find-existing-resources';
import { provisionResources } from '../src/provision-resources';
import { type ProvisionedResources, provisionedQueue, provisionedRule } from '../src/provisioned-resources';
import { localAws, uniquePrefix } from './support/stand-ins';

describe('provisionResources', () => {
  let clients: AwsClients;
  let provisioned: ProvisionedResources | undefined;
  afterEach(async () => {
    if (provisioned) await deleteResources(clients, provisioned);
    clients.destroy();
  });

  it('is idempotent: a second run returns the same resources, with TTL, GSIs, redrive and targets', async () => {
    clients = createAwsClients(localAws);
    const prefix = uniquePrefix();

    const first = await provisionResources(clients, { prefix });
    provisioned = first;
    const second = await provisionResources(clients, { prefix });

    expect(second).toEqual(first);
    expect(Object.keys(first.tables).sort()).toEqual(resourceDefinitions.tables.map((t) => t.logicalName).sort());
    for (const table of resourceDefinitions.tables) {
      const name = `${prefix}${table.logicalName}`;
      const { Table } = await clients.dynamodb.send(new DescribeTableCommand({ TableName: name }));
      expect(Table?.GlobalSecondaryIndexes?.map((index) => index.IndexName) ?? [], name).toEqual(
        table.globalSecondaryIndexes.map((index) => index.name),
      );
      const { TimeToLiveDescription: ttl } = await clients.dynamodb.send(new DescribeTimeToLiveCommand({ TableName: name }));
      if (table.timeToLiveAttribute) {
        expect(ttl, name).toMatchObject({ TimeToLiveStatus: 'ENABLED', AttributeName: 'expires_at_epoch' });
      } else {
        expect(ttl?.TimeToLiveStatus, name).not.toBe('ENABLED');
      }
    }

    const worker = provisionedQueue(first, 'reservation-worker');
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: worker.url, AttributeNames: ['All'] }),
    );
    expect(JSON.parse(Attributes?.['RedrivePolicy'] ?? '{}')).toMatchObject({
      deadLetterTargetArn: provisionedQueue(first, 'reservation-worker-dlq').arn,
      maxReceiveCount: 5,
    });
    expect(Attributes).toMatchObject({ VisibilityTimeout: '60', ReceiveMessageWaitTimeSeconds: '20' });
    const policy = JSON.parse(Attributes?.['Policy'] ?? '{}') as { Statement: { Condition: unknown }[] };
    const allowedSources = policy.Statement.map((statement) => JSON.stringify(statement.Condition));
    for (const ruleName of ['reservation-expired', 'payment-outcomes']) {
      const rule = provisionedRule(first, ruleName);
      expect(allowedSources.filter((source) => source.includes(rule.arn)), ruleName).toHaveLength(1);
      const { Targets } = await clients.eventBridge.send(
        new ListTargetsByRuleCommand({ Rule: rule.name, EventBusName: rule.eventBusName }),
      );
      expect(Targets?.map((target) => target.Arn)).toEqual([worker.arn]);
    }
  });

  it('deletes everything it provisioned, and tolerates deleting twice', async () => {
    clients = createAwsClients(localAws);
    const resources = await provisionResources(clients, { prefix: uniquePrefix() });

    await deleteResources(clients, resources);
    await deleteResources(clients, resources);

    // Deletion is asynchronous in AWS; the stand-ins finish at once, real AWS needs polling here.
    const existing = await findExistingResources(clients, resources);
    expect(existing).toEqual({ tables: [], queues: [], eventBuses: [], rules: [] });
  });

  it('brings an existing queue back to its definition when the definition changed', async () => {
    clients = createAwsClients(localAws);
    const queue: QueueDefinition = {
      logicalName: 'converge',
      owner: 'reservation-worker',
      description: 'test queue',
      visibilityTimeoutSeconds: 30,
      receiveMessageWaitTimeSeconds: 0,
      messageRetentionSeconds: 3600,
      access: [],
    };
    const definitions = (definition: QueueDefinition) => ({ tables: [], queues: [definition], eventBuses: [], rules: [] });
    const prefix = uniquePrefix();
    const before = await provisionResources(clients, { prefix, definitions: definitions(queue) });
    provisioned = before;

    const after = await provisionResources(clients, {
      prefix,
      definitions: definitions({ ...queue, visibilityTimeoutSeconds: 45 }),
    });

    expect(after).toEqual(before);
    const { Attributes } = await clients.sqs.send(
      new GetQueueAttributesCommand({ QueueUrl: provisionedQueue(after, 'converge').url, AttributeNames: ['VisibilityTimeout'] }),
    );
    expect(Attributes?.['VisibilityTimeout']).toBe('45');
  });
});
