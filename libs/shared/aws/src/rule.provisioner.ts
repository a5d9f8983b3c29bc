import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  type EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from '@aws-sdk/client-eventbridge';
import type { RuleDefinition } from '@ticketing/resources';
import { isAwsError } from './aws-error';
import { ResourceProvisioningError } from './provisioning.errors';
import type { ProvisionedQueue, ProvisionedRule } from './provisioned-resources';

/** Creates or updates the rule (PutRule is an upsert) with its JSON event pattern, enabled. */
export async function provisionRule(
  eventBridge: EventBridgeClient,
  definition: RuleDefinition,
  name: string,
  eventBusName: string,
): Promise<ProvisionedRule> {
  try {
    const { RuleArn } = await eventBridge.send(
      new PutRuleCommand({
        Name: name,
        EventBusName: eventBusName,
        EventPattern: JSON.stringify(definition.eventPattern),
        State: 'ENABLED',
        Description: definition.description,
      }),
    );
    if (!RuleArn) throw new Error('EventBridge returned no rule ARN');
    return { logicalName: definition.logicalName, name, arn: RuleArn, eventBusName };
  } catch (error) {
    throw ResourceProvisioningError.from('create', 'rule', name, error);
  }
}

/**
 * Points the rule at the queue (PutTargets is an upsert by target id). The queue's policy must
 * already allow the rule to send, or AWS drops the first deliveries.
 */
export async function targetQueue(
  eventBridge: EventBridgeClient,
  rule: ProvisionedRule,
  queue: ProvisionedQueue,
): Promise<void> {
  try {
    const { FailedEntryCount, FailedEntries } = await eventBridge.send(
      new PutTargetsCommand({
        Rule: rule.name,
        EventBusName: rule.eventBusName,
        Targets: [{ Id: queue.logicalName, Arn: queue.arn }],
      }),
    );
    if (FailedEntryCount) throw new Error(`target rejected: ${JSON.stringify(FailedEntries)}`);
  } catch (error) {
    throw ResourceProvisioningError.from(`target queue "${queue.name}" with`, 'rule', rule.name, error);
  }
}

/**
 * Removes the rule's targets and then the rule (EventBridge refuses to delete a rule that still
 * has targets); a rule that is already gone counts as deleted.
 */
export async function deleteRule(
  eventBridge: EventBridgeClient,
  rule: Pick<ProvisionedRule, 'name' | 'eventBusName'>,
): Promise<void> {
  const scope = { Rule: rule.name, EventBusName: rule.eventBusName };
  try {
    const { Targets = [] } = await eventBridge.send(new ListTargetsByRuleCommand(scope));
    const ids = Targets.flatMap((target) => (target.Id ? [target.Id] : []));
    if (ids.length > 0) await eventBridge.send(new RemoveTargetsCommand({ ...scope, Ids: ids }));
    await eventBridge.send(new DeleteRuleCommand({ Name: rule.name, EventBusName: rule.eventBusName }));
  } catch (error) {
    if (!isAwsError(error, 'ResourceNotFoundException')) throw ResourceProvisioningError.from('delete', 'rule', rule.name, error);
  }
}

/** Whether the rule exists on its bus. */
export async function ruleExists(
  eventBridge: EventBridgeClient,
  rule: Pick<ProvisionedRule, 'name' | 'eventBusName'>,
): Promise<boolean> {
  try {
    await eventBridge.send(new DescribeRuleCommand({ Name: rule.name, EventBusName: rule.eventBusName }));
    return true;
  } catch (error) {
    if (isAwsError(error, 'ResourceNotFoundException')) return false;
    throw ResourceProvisioningError.from('describe', 'rule', rule.name, error);
  }
}
