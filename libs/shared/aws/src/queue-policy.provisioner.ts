import { GetQueueAttributesCommand, SetQueueAttributesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { ResourceProvisioningError } from './provisioning.errors';
import type { ProvisionedQueue, ProvisionedRule } from './provisioned-resources';

interface PolicyStatement {
  readonly Sid?: string;
  readonly [field: string]: unknown;
}

/**
 * Lets EventBridge deliver the rules' events to the queue. Real SQS drops deliveries from a rule
 * unless the queue policy allows `events.amazonaws.com` to SendMessage with that rule as source
 * (emulators skip the check, so forgetting this only shows in AWS). Statements for these rules are
 * replaced, other statements kept, so provisioning a subset never revokes another rule's access.
 */
export async function allowRulesToSend(
  sqs: SQSClient,
  queue: ProvisionedQueue,
  rules: readonly ProvisionedRule[],
): Promise<void> {
  try {
    const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.url, AttributeNames: ['Policy'] }));
    const existing = Attributes?.Policy ? (JSON.parse(Attributes.Policy) as { Statement?: PolicyStatement[] }) : {};
    const ours = rules.map((rule) => statementFor(queue, rule));
    const replaced = new Set(ours.map((statement) => statement.Sid));
    const kept = (existing.Statement ?? []).filter((statement) => !replaced.has(statement.Sid));
    const policy = { Version: '2012-10-17', Statement: [...kept, ...ours] };
    await sqs.send(new SetQueueAttributesCommand({ QueueUrl: queue.url, Attributes: { Policy: JSON.stringify(policy) } }));
  } catch (error) {
    throw ResourceProvisioningError.from('set the EventBridge policy of', 'queue', queue.name, error);
  }
}

function statementFor(queue: ProvisionedQueue, rule: ProvisionedRule): PolicyStatement {
  return {
    // Policy Sids are alphanumeric; the rule name makes the statement findable on re-runs.
    Sid: `AllowEventBridgeRule${rule.name.replace(/[^A-Za-z0-9]/g, '')}`,
    Effect: 'Allow',
    Principal: { Service: 'events.amazonaws.com' },
    Action: 'sqs:SendMessage',
    Resource: queue.arn,
    Condition: { ArnEquals: { 'aws:SourceArn': rule.arn } },
  };
}
