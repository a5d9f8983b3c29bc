import { gsi1, partitionKey, sortKey, timeToLiveAttribute } from './key-attributes';
import type { TableDefinition } from './resource-definition.types';

/*
 * IAM note: TransactWriteItems and TransactGetItems have no IAM actions of their own; each item in
 * a transaction is authorised by its per-item action (PutItem, UpdateItem, ConditionCheckItem,
 * DeleteItem, GetItem). Query on `gsi1` needs the same action on the `table/<name>/index/*` ARN.
 */

const common = { partitionKey, sortKey, billingMode: 'PAY_PER_REQUEST' } as const;

/**
 * Events: a header item (`sk = EVENT`: name, venue, sale window, section summaries, status
 * CREATING → READY) and the immutable layout in compact chunks (`sk = LAYOUT#00000…`), all under
 * `pk = EVENT#<id>`. Written by inventory's CreateEvent, read by it for every hold.
 */
export const inventoryEventsTable: TableDefinition = {
  ...common,
  logicalName: 'inventory-events',
  owner: 'inventory',
  description: 'Events, their sections and their compact seat layouts.',
  globalSecondaryIndexes: [],
  access: [
    {
      service: 'inventory',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:BatchWriteItem',
      ],
      reason:
        'CreateEvent claims the header with a conditional put, batch-writes the layout chunks and flips the header to READY; holds read the header and the layout',
    },
  ],
};

/**
 * Seats. Sharded: `pk` is the event, section AND storage block (a run of whole rows, e.g.
 * `EVENT#evt_1#SECTION#A#BLOCK#0`), `sk` the seat. One partition sustains ~1,000 WCU/s and every
 * transactional write costs two, so keying all seats of an event under one `pk` would cap an
 * on-sale burst at a few hundred holds per second; one partition per block spreads the burst while
 * adjacent seats of a row stay together. A hold may span blocks: a transaction can touch several
 * partitions.
 */
export const inventorySeatsTable: TableDefinition = {
  ...common,
  logicalName: 'inventory-seats',
  owner: 'inventory',
  description: 'Seats with their status and the hold that holds them; sharded by event, section and block.',
  globalSecondaryIndexes: [],
  access: [
    { service: 'inventory', actions: ['dynamodb:DescribeTable'], reason: 'readiness probe: the table exists and is ACTIVE' },
    {
      service: 'inventory',
      // No PutItem/DeleteItem: CreateEvent creates seats with BatchWriteItem, holds only update them.
      actions: ['dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:UpdateItem', 'dynamodb:BatchWriteItem'],
      reason:
        'creates seats in CreateEvent, reads them for seat maps, and takes, commits and releases them with conditional updates inside transactions',
    },
  ],
};

/**
 * Holds. `gsi1` lists active holds by expiry for the sweeper (a safety net; expiry itself is lazy
 * and correct without it). Spread `gsi1pk` over a few buckets so the index has no hot partition.
 */
export const inventoryHoldsTable: TableDefinition = {
  ...common,
  logicalName: 'inventory-holds',
  owner: 'inventory',
  description: 'Holds (the seats one reservation holds) and their status.',
  globalSecondaryIndexes: [gsi1('active holds by expiry time, for the expiry sweeper')],
  timeToLiveAttribute,
  access: [
    {
      service: 'inventory',
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
      reason: 'writes holds in the seat transaction, reads them by id and sweeps expired ones via gsi1',
    },
  ],
};

/** Reservations. `gsi1` lists a user's reservations (`gsi1pk` = user, `gsi1sk` = creation time). */
export const reservationsTable: TableDefinition = {
  ...common,
  logicalName: 'reservations',
  owner: 'reservation-api',
  description: 'Reservations and their lifecycle.',
  globalSecondaryIndexes: [gsi1('reservations by user, newest first')],
  access: [
    { service: 'reservation-api', actions: ['dynamodb:DescribeTable'], reason: 'readiness probe: the table exists and is ACTIVE' },
    {
      service: 'reservation-api',
      actions: [
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:PutItem',
        'dynamodb:UpdateItem',
        'dynamodb:ConditionCheckItem',
      ],
      reason: 'creates reservations with their outbox events in one transaction and moves their status',
    },
  ],
};

/** Orders created when a reservation is confirmed. */
export const ordersTable: TableDefinition = {
  ...common,
  logicalName: 'orders',
  owner: 'reservation-api',
  description: 'Orders of confirmed reservations.',
  globalSecondaryIndexes: [],
  access: [
    {
      service: 'reservation-api',
      actions: ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
      reason: 'creates an order in the confirmation transaction and reads it back',
    },
  ],
};

/** Idempotency records, scoped per user; they expire (24 h by default). */
export const idempotencyRecordsTable: TableDefinition = {
  ...common,
  logicalName: 'idempotency-records',
  owner: 'reservation-api',
  description: 'Idempotency-Key claims and stored responses.',
  globalSecondaryIndexes: [],
  timeToLiveAttribute,
  access: [
    {
      service: 'reservation-api',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      reason: 'claims a key conditionally, completes it, and deletes claims whose outcome is not final',
    },
  ],
};

/**
 * Outbox. `gsi1` lists items by status and due time for the relay (`gsi1pk` = status bucket,
 * `gsi1sk` = due time), which makes the outbox the scheduler of `reservation.expired` too.
 * Published items expire.
 */
export const outboxTable: TableDefinition = {
  ...common,
  logicalName: 'outbox',
  owner: 'reservation-api',
  description: 'Events waiting to be published to EventBridge, with their due time.',
  globalSecondaryIndexes: [gsi1('pending items by due time, for the outbox relay')],
  timeToLiveAttribute,
  access: [
    {
      service: 'reservation-api',
      actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:PartiQLUpdate'],
      reason:
        'writes items in the reservation transaction; the relay finds due items, leases and marks them with conditional updates (25 per BatchExecuteStatement)',
    },
  ],
};

/** Processed-event records that make the worker's handlers idempotent; they expire. */
export const processedEventsTable: TableDefinition = {
  ...common,
  logicalName: 'processed-events',
  owner: 'reservation-worker',
  description: 'Ids of events the worker has handled.',
  globalSecondaryIndexes: [],
  timeToLiveAttribute,
  access: [
    { service: 'reservation-worker', actions: ['dynamodb:DescribeTable'], reason: 'readiness probe: the table exists and is ACTIVE' },
    {
      service: 'reservation-worker',
      actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
      reason: 'claims an event id conditionally, marks it done, and drops the claim when handling failed',
    },
  ],
};

/** Every table, grouped by owner. */
export const tableDefinitions: readonly TableDefinition[] = [
  inventoryEventsTable,
  inventorySeatsTable,
  inventoryHoldsTable,
  reservationsTable,
  ordersTable,
  idempotencyRecordsTable,
  outboxTable,
  processedEventsTable,
];
