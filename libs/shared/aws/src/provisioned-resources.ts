import { ResourceNotProvisionedError } from './provisioning.errors';

/** A provisioned DynamoDB table. */
export interface ProvisionedTable {
  readonly logicalName: string;
  readonly name: string;
  readonly arn: string;
}

/** A provisioned SQS queue. */
export interface ProvisionedQueue {
  readonly logicalName: string;
  readonly name: string;
  readonly url: string;
  readonly arn: string;
}

/** A provisioned EventBridge bus. */
export interface ProvisionedEventBus {
  readonly logicalName: string;
  readonly name: string;
  readonly arn: string;
}

/** A provisioned EventBridge rule and the bus it lives on. */
export interface ProvisionedRule {
  readonly logicalName: string;
  readonly name: string;
  readonly arn: string;
  readonly eventBusName: string;
}

/**
 * What {@link provisionResources} created (or found), keyed by logical name. Plain data, so it can
 * be logged or written out for the apps' environment.
 */
export interface ProvisionedResources {
  readonly prefix: string;
  readonly tables: Readonly<Record<string, ProvisionedTable>>;
  readonly queues: Readonly<Record<string, ProvisionedQueue>>;
  readonly eventBuses: Readonly<Record<string, ProvisionedEventBus>>;
  readonly rules: Readonly<Record<string, ProvisionedRule>>;
}

/**
 * The provisioned table with this logical name.
 * @throws ResourceNotProvisionedError if it was not provisioned, naming what was.
 */
export function provisionedTable(resources: ProvisionedResources, logicalName: string): ProvisionedTable {
  return lookup(resources.tables, 'table', logicalName);
}

/**
 * The provisioned queue with this logical name.
 * @throws ResourceNotProvisionedError if it was not provisioned, naming what was.
 */
export function provisionedQueue(resources: ProvisionedResources, logicalName: string): ProvisionedQueue {
  return lookup(resources.queues, 'queue', logicalName);
}

/**
 * The provisioned event bus with this logical name.
 * @throws ResourceNotProvisionedError if it was not provisioned, naming what was.
 */
export function provisionedEventBus(resources: ProvisionedResources, logicalName: string): ProvisionedEventBus {
  return lookup(resources.eventBuses, 'event bus', logicalName);
}

/**
 * The provisioned rule with this logical name.
 * @throws ResourceNotProvisionedError if it was not provisioned, naming what was.
 */
export function provisionedRule(resources: ProvisionedResources, logicalName: string): ProvisionedRule {
  return lookup(resources.rules, 'rule', logicalName);
}

function lookup<T>(byName: Readonly<Record<string, T>>, kind: string, logicalName: string): T {
  const found = Object.hasOwn(byName, logicalName) ? byName[logicalName] : undefined;
  if (found === undefined) {
    const known = Object.keys(byName).join(', ') || 'none';
    throw new ResourceNotProvisionedError(`No ${kind} "${logicalName}" was provisioned (provisioned: ${known})`);
  }
  return found;
}
