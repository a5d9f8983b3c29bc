/**
 * Shapes of the AWS resource definitions. Pure data: local infrastructure, the test harness and
 * the charts' documentation all read the same values, so an environment cannot drift from the
 * others by construction.
 */

/** A service of this platform; the one that owns a resource, or one that is granted access to it. */
export type ServiceName = 'inventory' | 'reservation-api' | 'reservation-worker';

/**
 * The IAM actions one service needs on one resource, and why. The charts document the resulting
 * least-privilege policy per service account; nothing here is granted at runtime.
 */
export interface AccessGrant {
  readonly service: ServiceName;
  readonly actions: readonly string[];
  readonly reason: string;
}

/** What every resource records: its logical name, who owns it and who may do what with it. */
export interface ResourceDefinitionBase {
  /** Environment-independent name; the physical name is `physicalName(prefix, logicalName)`. */
  readonly logicalName: string;
  /** The only service that may shape this resource's contents (DESIGN.md: each service owns its tables). */
  readonly owner: ServiceName;
  readonly description: string;
  readonly access: readonly AccessGrant[];
}

/** One key attribute of a table or index. */
export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

/** A global secondary index: an alternate access path, always projecting the whole item. */
export interface IndexDefinition {
  readonly name: string;
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  /** The query this index exists for. */
  readonly purpose: string;
}

/** A DynamoDB table. */
export interface TableDefinition extends ResourceDefinitionBase {
  readonly partitionKey: KeyAttribute;
  readonly sortKey: KeyAttribute;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  readonly billingMode: 'PAY_PER_REQUEST';
  /** Attribute holding an epoch-seconds expiry; DynamoDB deletes the item some time after it. */
  readonly timeToLiveAttribute?: string;
}

/** Where a queue sends messages that failed too often. */
export interface DeadLetterDefinition {
  /** Logical name of the dead-letter queue; it must be defined too. */
  readonly queue: string;
  readonly maxReceiveCount: number;
}

/** A standard SQS queue. */
export interface QueueDefinition extends ResourceDefinitionBase {
  readonly visibilityTimeoutSeconds: number;
  readonly receiveMessageWaitTimeSeconds: number;
  readonly messageRetentionSeconds: number;
  readonly deadLetter?: DeadLetterDefinition;
}

/** A custom EventBridge event bus. */
export type EventBusDefinition = ResourceDefinitionBase;

/** One value an event field may match: a literal, or a content filter such as `{ prefix: 'x' }`. */
export type EventPatternMatch = string | number | boolean | null | { readonly [operator: string]: unknown };

/**
 * An EventBridge event pattern: each field lists the values it may take, or nests a pattern for
 * an object field (`detail`).
 */
export interface EventPattern {
  readonly [field: string]: readonly EventPatternMatch[] | EventPattern;
}

/** An EventBridge rule on a defined bus that delivers matching events to a defined queue. */
export interface RuleDefinition extends ResourceDefinitionBase {
  /** Logical name of the bus the rule listens on. */
  readonly eventBus: string;
  readonly eventPattern: EventPattern;
  /** Logical name of the queue matching events are delivered to. */
  readonly targetQueue: string;
}

/** Every resource of one environment, by kind. */
export interface ResourceDefinitions {
  readonly tables: readonly TableDefinition[];
  readonly queues: readonly QueueDefinition[];
  readonly eventBuses: readonly EventBusDefinition[];
  readonly rules: readonly RuleDefinition[];
}
