import {
  physicalName,
  resourceDefinitions,
  type AccessGrant,
  type ResourceDefinitions,
  type ServiceName,
  type TableDefinition,
} from '@ticketing/resources';

/** Placeholders of the policy document; the operator substitutes the environment's values. */
const prefix = '<prefix>';
const region = '<region>';
const account = '<account-id>';

/**
 * A resource's name with the prefix placeholder: physicalName with an empty prefix checks the
 * logical name, the placeholder stands for the environment's RESOURCE_PREFIX.
 */
function name(logicalName: string): string {
  return `${prefix}${physicalName('', logicalName)}`;
}

/** One statement of the least-privilege IAM policy of a service's ServiceAccount role. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: readonly string[];
}

interface GrantedResource {
  readonly kind: 'table' | 'queue' | 'event bus';
  readonly logicalName: string;
  readonly arns: readonly string[];
  readonly grants: readonly AccessGrant[];
}

/**
 * The resources a service is granted access to (each definition's `access` entries for it), with
 * their ARNs for the environment placeholders. Tables queried through an index also need the
 * index ARN (`table/<name>/index/*`).
 */
function grantedResources(service: ServiceName, definitions: ResourceDefinitions): GrantedResource[] {
  const mine = (grants: readonly AccessGrant[]) => grants.filter((grant) => grant.service === service);
  const tableArns = (table: TableDefinition, grants: readonly AccessGrant[]) => {
    const arn = `arn:aws:dynamodb:${region}:${account}:table/${name(table.logicalName)}`;
    const queriesIndex = table.globalSecondaryIndexes.length > 0 && grants.some((grant) => grant.actions.includes('dynamodb:Query'));
    return queriesIndex ? [arn, `${arn}/index/*`] : [arn];
  };
  return [
    ...definitions.tables.map((table) => {
      const grants = mine(table.access);
      return { kind: 'table' as const, logicalName: table.logicalName, arns: tableArns(table, grants), grants };
    }),
    ...definitions.queues.map((queue) => ({
      kind: 'queue' as const,
      logicalName: queue.logicalName,
      arns: [`arn:aws:sqs:${region}:${account}:${name(queue.logicalName)}`],
      grants: mine(queue.access),
    })),
    ...definitions.eventBuses.map((bus) => ({
      kind: 'event bus' as const,
      logicalName: bus.logicalName,
      arns: [`arn:aws:events:${region}:${account}:event-bus/${name(bus.logicalName)}`],
      grants: mine(bus.access),
    })),
  ].filter((resource) => resource.grants.length > 0);
}

/**
 * The least-privilege policy of a service: one statement per resource, with exactly the actions
 * its definitions grant that service, on exactly that resource.
 *
 * @example
 * ```ts
 * serviceAccountPolicy('reservation-worker').Statement[0];
 * // { Sid: 'ProcessedEvents', Action: ['dynamodb:DeleteItem', …], Resource: ['arn:aws:dynamodb:<region>:<account-id>:table/<prefix>processed-events'] }
 * ```
 */
export function serviceAccountPolicy(service: ServiceName, definitions: ResourceDefinitions = resourceDefinitions) {
  const Statement: PolicyStatement[] = grantedResources(service, definitions).map((resource) => ({
    Sid: resource.logicalName.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join(''),
    Effect: 'Allow',
    Action: [...new Set(resource.grants.flatMap((grant) => grant.actions))].sort(),
    Resource: resource.arns,
  }));
  return { Version: '2012-10-17', Statement };
}

/**
 * The chart README's "AWS resources" section for one service: what must exist (tables, queues,
 * bus, rules, with the settings the code relies on), the IAM actions per resource and why, and
 * the policy document of the ServiceAccount's role. Generated from libs/shared/resources, the
 * same definitions local infrastructure and the tests provision.
 */
export function renderAwsResources(service: ServiceName, definitions: ResourceDefinitions = resourceDefinitions): string {
  const granted = grantedResources(service, definitions);
  const grantedNames = new Set(granted.map((resource) => resource.logicalName));
  const tables = definitions.tables.filter((table) => grantedNames.has(table.logicalName));
  const queues = definitions.queues.filter((queue) => grantedNames.has(queue.logicalName));
  const buses = definitions.eventBuses.filter((bus) => grantedNames.has(bus.logicalName));
  const rules = definitions.rules.filter((rule) => grantedNames.has(rule.targetQueue));
  const code = (text: string) => `\`${text}\``;
  const named = (logicalName: string) => code(name(logicalName));
  const row = (cells: readonly (string | number)[]) => `| ${cells.join(' | ')} |`;
  const sections: string[] = [
    `Names are \`RESOURCE_PREFIX\` + the logical name (\`${prefix}\` below); the role in \`serviceAccount.roleArn\` needs exactly the actions listed.`,
  ];

  if (tables.length > 0) {
    sections.push(
      [
        '**DynamoDB tables** (on-demand, keys `pk`/`sk` of type S)',
        '',
        '| table | owner | indexes | TTL attribute | holds |',
        '| --- | --- | --- | --- | --- |',
        ...tables.map((table) =>
          row([
            named(table.logicalName),
            table.owner,
            table.globalSecondaryIndexes
              .map((index) => `${code(index.name)} (${index.partitionKey.name}/${index.sortKey.name}): ${index.purpose}`)
              .join('; ') || '—',
            table.timeToLiveAttribute ? code(table.timeToLiveAttribute) : '—',
            table.description,
          ]),
        ),
      ].join('\n'),
    );
  }
  if (queues.length > 0) {
    const deadLetters = definitions.queues.filter((queue) => queues.some((source) => source.deadLetter?.queue === queue.logicalName));
    sections.push(
      [
        '**SQS queues** (standard)',
        '',
        '| queue | visibility timeout | receive wait | retention | dead letters | holds |',
        '| --- | --- | --- | --- | --- | --- |',
        ...[...new Set([...deadLetters, ...queues])].map((queue) =>
          row([
            named(queue.logicalName),
            `${queue.visibilityTimeoutSeconds} s`,
            `${queue.receiveMessageWaitTimeSeconds} s`,
            `${queue.messageRetentionSeconds / 86_400} days`,
            queue.deadLetter ? `${named(queue.deadLetter.queue)} after ${queue.deadLetter.maxReceiveCount} receives` : '—',
            queue.description,
          ]),
        ),
      ].join('\n'),
    );
  }
  if (buses.length > 0) {
    sections.push(
      [
        '**EventBridge buses**',
        '',
        '| bus | owner | carries |',
        '| --- | --- | --- |',
        ...buses.map((bus) => row([named(bus.logicalName), bus.owner, bus.description])),
      ].join('\n'),
    );
  }
  if (rules.length > 0) {
    sections.push(
      [
        '**EventBridge rules** (created by infrastructure; they need no runtime permission of this service, only a queue policy allowing `events.amazonaws.com` to `sqs:SendMessage` from the rule)',
        '',
        '| rule | on bus | event pattern | delivers to |',
        '| --- | --- | --- | --- |',
        ...rules.map((rule) =>
          row([named(rule.logicalName), named(rule.eventBus), code(JSON.stringify(rule.eventPattern)), named(rule.targetQueue)]),
        ),
      ].join('\n'),
    );
  }
  sections.push(
    [
      '**IAM actions of the ServiceAccount role**',
      '',
      '| resource | actions | why |',
      '| --- | --- | --- |',
      ...granted.flatMap((resource) =>
        resource.grants.map((grant) => row([`${resource.kind} ${named(resource.logicalName)}`, grant.actions.map(code).join(', '), grant.reason])),
      ),
    ].join('\n'),
  );
  sections.push(
    [
      'The policy document (substitute `<region>`, `<account-id>` and `<prefix>`):',
      '',
      '```json',
      JSON.stringify(serviceAccountPolicy(service, definitions), null, 2),
      '```',
    ].join('\n'),
  );
  return sections.join('\n\n');
}
