import { describe, expect, it } from 'vitest';
import type { EventPattern } from './resource-definition.types';
import { resourceDefinitions } from './resource-definitions';

const { tables, queues, eventBuses, rules } = resourceDefinitions;
const all = [...tables, ...queues, ...eventBuses, ...rules];

describe('resourceDefinitions', () => {
  it('gives every resource a unique logical name', () => {
    const names = all.map((definition) => definition.logicalName);
    expect(new Set(names).size).toBe(names.length);
  });

  it('targets a defined queue and bus with every rule', () => {
    const queueNames = queues.map((queue) => queue.logicalName);
    const busNames = eventBuses.map((bus) => bus.logicalName);
    for (const rule of rules) {
      expect(queueNames, rule.logicalName).toContain(rule.targetQueue);
      expect(busNames, rule.logicalName).toContain(rule.eventBus);
    }
  });

  it('defines the dead-letter queue of every redriving queue, before it, with longer retention', () => {
    for (const [index, queue] of queues.entries()) {
      if (!queue.deadLetter) continue;
      const dlqIndex = queues.findIndex((candidate) => candidate.logicalName === queue.deadLetter?.queue);
      expect(dlqIndex, queue.logicalName).toBeGreaterThanOrEqual(0);
      expect(dlqIndex, queue.logicalName).toBeLessThan(index);
      expect(queues[dlqIndex]?.deadLetter, 'a DLQ must not redrive').toBeUndefined();
      expect(queues[dlqIndex]?.messageRetentionSeconds).toBeGreaterThan(queue.messageRetentionSeconds);
      expect(queue.deadLetter.maxReceiveCount).toBeGreaterThanOrEqual(1);
    }
  });

  it('keeps queue settings within the limits SQS accepts', () => {
    for (const queue of queues) {
      expect(queue.visibilityTimeoutSeconds).toBeLessThanOrEqual(12 * 60 * 60);
      expect(queue.receiveMessageWaitTimeSeconds).toBeLessThanOrEqual(20);
      expect(queue.messageRetentionSeconds).toBeGreaterThanOrEqual(60);
      expect(queue.messageRetentionSeconds).toBeLessThanOrEqual(14 * 24 * 60 * 60);
    }
  });

  it('uses JSON-able patterns whose leaves are lists of values', () => {
    for (const rule of rules) {
      expect(JSON.parse(JSON.stringify(rule.eventPattern))).toEqual(rule.eventPattern);
      expectListLeaves(rule.eventPattern);
      expect(rule.eventPattern['source'], rule.logicalName).toBeInstanceOf(Array);
    }
  });

  it('keys every table on pk/sk strings, pay per request, with generic GSI keys', () => {
    for (const table of tables) {
      expect([table.partitionKey, table.sortKey]).toEqual([
        { name: 'pk', type: 'S' },
        { name: 'sk', type: 'S' },
      ]);
      expect(table.billingMode).toBe('PAY_PER_REQUEST');
      for (const index of table.globalSecondaryIndexes) {
        expect(index.partitionKey.name).toBe(`${index.name}pk`);
        expect(index.sortKey.name).toBe(`${index.name}sk`);
      }
    }
  });

  it('grants only actions of the resource kind, each to a named service with a reason', () => {
    const namespaces = [
      ...tables.map((table) => ['dynamodb', table] as const),
      ...queues.map((queue) => ['sqs', queue] as const),
      ...eventBuses.map((bus) => ['events', bus] as const),
      ...rules.map((rule) => ['events', rule] as const),
    ];
    for (const [namespace, definition] of namespaces) {
      for (const grant of definition.access) {
        expect(grant.reason).not.toBe('');
        for (const action of grant.actions) {
          expect(action, definition.logicalName).toMatch(new RegExp(`^${namespace}:[A-Z][A-Za-z]+$`));
          expect(action, 'wildcards are not least privilege').not.toContain('*');
        }
      }
    }
  });

  it('gives every service access only to tables it owns', () => {
    for (const table of tables) {
      for (const grant of table.access) expect(grant.service, table.logicalName).toBe(table.owner);
    }
  });
});

function expectListLeaves(pattern: EventPattern): void {
  for (const value of Object.values(pattern)) {
    if (Array.isArray(value)) expect(value.length).toBeGreaterThan(0);
    else expectListLeaves(value as EventPattern);
  }
}
