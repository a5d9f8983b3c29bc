// Two real inventory servers behind one address: the gateway's channel spreads calls over both,
// where grpc-js's default (pick_first) would send every call to one of them for the life of the
// connection — which is what a ClusterIP Service in front of the replicas amounts to.
import { credentials, Server, ServerCredentials, status, type handleUnaryCall } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  GetHoldResponse,
  InventoryGateway,
  inventoryAddressPattern,
  inventoryRpc,
  InventoryServiceClient,
  InventoryServiceService,
  type InventoryServiceServer,
} from '../src/index';

interface Replica {
  readonly name: string;
  port: number;
  readonly server: Server;
  calls: number;
}

describe('inventory clients spread calls over every replica an address resolves to', () => {
  const replicas: Replica[] = [];
  const gateways: InventoryGateway[] = [];

  beforeAll(async () => {
    for (const name of ['replica-a', 'replica-b']) replicas.push(await startReplica(name));
  });
  afterAll(() => {
    for (const gateway of gateways) gateway.close();
    for (const replica of replicas) replica.server.forceShutdown();
  });

  const bothReplicas = () => `ipv4:${replicas.map((replica) => `127.0.0.1:${replica.port}`).join(',')}`;
  const gateway = (address: string) => {
    const created = new InventoryGateway({ address, deadlineMs: 2_000, credentials: { kind: 'none' }, breakerResetMs: 5_000, breakerErrorPercent: 50 });
    gateways.push(created);
    return created;
  };
  const resetCounts = () => {
    for (const replica of replicas) replica.calls = 0;
  };
  const holdOwner = async (inventory: InventoryGateway) => (await inventory.call('getHold', { holdId: 'h1', userId: 'u1' }, { retryable: false })).hold?.userId;

  it('round-robins the gateway over both replicas', async () => {
    const inventory = gateway(bothReplicas());
    // Until both connections are up, calls go to whichever is ready.
    for (let attempt = 0; attempt < 200 && replicas.some((replica) => replica.calls === 0); attempt += 1) await holdOwner(inventory);
    resetCounts();

    const owners = await Promise.all(Array.from({ length: 20 }, () => holdOwner(inventory)));

    expect(new Set(owners)).toEqual(new Set(['replica-a', 'replica-b']));
    expect(replicas.map((replica) => replica.calls)).toEqual([10, 10]);
  });

  it("whereas grpc-js's default channel keeps every call on one replica", async () => {
    const client = new InventoryServiceClient(bothReplicas(), credentials.createInsecure());
    const rpc = inventoryRpc(client, { deadlineMs: 2_000 });
    await rpc.getHold({ holdId: 'h1', userId: 'u1' });
    resetCounts();

    await Promise.all(Array.from({ length: 20 }, () => rpc.getHold({ holdId: 'h1', userId: 'u1' })));

    expect(replicas.map((replica) => replica.calls).sort()).toEqual([0, 20]);
    client.close();
  });

  it('accepts dns:/// addresses, resolved by the DNS resolver', async () => {
    const [first] = replicas;
    const address = `dns:///localhost:${first?.port}`;
    expect(address).toMatch(new RegExp(inventoryAddressPattern));
    expect('dns://8.8.8.8/inventory:50051').not.toMatch(new RegExp(inventoryAddressPattern));
    expect('inventory').not.toMatch(new RegExp(inventoryAddressPattern));

    expect(await holdOwner(gateway(address))).toBe('replica-a');
  });
});

/** A real grpc-js server whose GetHold names the replica that answered (as the hold's user). */
async function startReplica(name: string): Promise<Replica> {
  const server = new Server();
  const unimplemented: handleUnaryCall<unknown, never> = (_call, callback) =>
    callback({ code: status.UNIMPLEMENTED, details: 'not part of this test' });
  const replica: Replica = { name, port: 0, server, calls: 0 };
  const getHold: InventoryServiceServer['getHold'] = (call, callback) => {
    replica.calls += 1;
    callback(null, GetHoldResponse.fromPartial({ hold: { holdId: call.request.holdId, userId: name } }));
  };
  const handlers = Object.fromEntries(
    Object.keys(InventoryServiceService).map((method) => [method, method === 'getHold' ? getHold : unimplemented]),
  ) as unknown as InventoryServiceServer;
  server.addService(InventoryServiceService, handlers);
  replica.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
  );
  return replica;
}
