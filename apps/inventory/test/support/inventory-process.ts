import { fileURLToPath } from 'node:url';
import { credentials } from '@grpc/grpc-js';
import { inventoryRpc, InventoryServiceClient } from '@ticketing/inventory-contract';
import { startServiceProcess, type ServiceProcess } from '@ticketing/testing';

const entry = fileURLToPath(new URL('../../src/main.ts', import.meta.url));

/** The inventory service running as its own process (as a replica does), and where it listens. */
export interface InventoryProcess {
  readonly process: ServiceProcess;
  readonly grpcPort: number;
  readonly httpPort: number;
}

/**
 * Starts `apps/inventory/src/main.ts` with `env` and resolves once it logged "inventory listening"
 * (so LOG_LEVEL must be info or lower). The caller stops it, in an afterAll even on failure.
 */
export async function startInventoryProcess(env: Record<string, string>): Promise<InventoryProcess> {
  const process = startServiceProcess(entry, env);
  try {
    const listening = await process.waitForLog((line) => line['msg'] === 'inventory listening', 60_000);
    return { process, grpcPort: Number(listening['grpc_port']), httpPort: Number(listening['http_port']) };
  } catch (error) {
    await process.stop('SIGKILL');
    throw error;
  }
}

/**
 * A promise client on its own channel (its own HTTP/2 connection: grpc-js would otherwise share one
 * between clients of the same address) to an inventory process; close `client` when done.
 */
export function inventoryChannelTo(grpcPort: number) {
  const client = new InventoryServiceClient(`127.0.0.1:${grpcPort}`, credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  });
  return { client, rpc: inventoryRpc(client) };
}
