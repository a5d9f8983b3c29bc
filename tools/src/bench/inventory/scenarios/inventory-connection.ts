import { randomUUID } from 'node:crypto';
import { credentials } from '@grpc/grpc-js';
import { inventoryRpc, InventoryServiceClient, readErrorDetail, type InventoryRpc } from '@ticketing/inventory-contract';
import type { InventoryTarget } from './scenario-plan';

/** Every benchmark call gives up after this long, so a stuck service cannot stall the run. */
export const benchCallDeadlineMs = 10_000;

/** One gRPC channel to the inventory (as one API replica has), with promise-returning calls. */
export function connectInventory(target: InventoryTarget): { readonly rpc: InventoryRpc; close(): void } {
  const client = new InventoryServiceClient(target.grpcAddress, credentials.createInsecure());
  return { rpc: inventoryRpc(client, { deadlineMs: benchCallDeadlineMs }), close: () => client.close() };
}

/**
 * A hold id nobody used before: DynamoDB remembers a transaction's ClientRequestToken (the hold
 * id) account-wide for 10 minutes, so ids must never repeat across runs. 35 characters of
 * `[A-Za-z0-9_]`, within the inventory's 36.
 */
export function benchHoldId(): string {
  return `bh_${randomUUID().replaceAll('-', '')}`;
}

/**
 * The outcome name of a failed call: the ErrorDetail code in lower case (`inventory_conflict`,
 * `inventory_contended`, …), or `grpc_<status>` for failures without one (deadline, unavailable).
 */
export function failureOutcome(error: unknown): string {
  const detail = readErrorDetail(error);
  if (detail?.code) return detail.code.toLowerCase();
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? `grpc_${code}` : 'error';
}
