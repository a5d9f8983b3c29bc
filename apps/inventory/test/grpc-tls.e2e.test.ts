import { InventoryGateway, type InventoryTransport } from '@ticketing/inventory-contract';
import { createIsolatedAwsResources, createTestCertificates, serviceEnvironment, type IsolatedAwsResources, type TestCertificates } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInventoryProcess, type InventoryProcess } from './support/inventory-process';

/**
 * The inventory's gRPC port over mutual TLS, as a process: only a caller that trusts its CA and
 * presents a client certificate the configured client CA signed gets an answer. A business answer
 * (EVENT_NOT_FOUND for an unknown event) proves the call went through; a transport failure is
 * UPSTREAM_UNAVAILABLE.
 */
describe('inventory gRPC over mutual TLS (as a process)', () => {
  let pki: TestCertificates;
  let aws: IsolatedAwsResources;
  let inventory: InventoryProcess;
  const gateways: InventoryGateway[] = [];

  beforeAll(async () => {
    pki = await createTestCertificates();
    aws = await createIsolatedAwsResources({ only: { tables: ['inventory-events', 'inventory-seats', 'inventory-holds'] } });
    inventory = await startInventoryProcess({
      ...serviceEnvironment(aws.prefix),
      GRPC_PORT: '0',
      INVENTORY_TLS_CERT_FILE: pki.serverCertFile,
      INVENTORY_TLS_KEY_FILE: pki.serverKeyFile,
      INVENTORY_TLS_CLIENT_CA_FILE: pki.caFile,
    });
  });

  afterAll(async () => {
    for (const gateway of gateways) gateway.close();
    expect(await inventory?.process.stop('SIGTERM')).toEqual({ code: 0, signal: null });
    await aws?.cleanup();
    await pki?.cleanup();
  });

  /** What a seat-map call for an unknown event answers through a gateway with `transport`. */
  const answerThrough = async (transport: InventoryTransport, address = `127.0.0.1:${inventory.grpcPort}`) => {
    const gateway = new InventoryGateway({ address, deadlineMs: 5_000, credentials: { kind: 'none' }, transport, breakerResetMs: 5_000, breakerErrorPercent: 50 });
    gateways.push(gateway);
    return gateway.call('getSeatMap', { eventId: 'evt_unknown', sectionId: '' }, { retryable: false }).then(
      () => 'answered',
      (error: { code?: string }) => error.code,
    );
  };

  it('answers a caller that trusts its CA and presents a client certificate', async () => {
    const tls = { caFile: pki.caFile, clientCertFile: pki.clientCertFile, clientKeyFile: pki.clientKeyFile };
    expect(await answerThrough({ tls })).toBe('EVENT_NOT_FOUND');
    // By name too: the certificate names localhost as well as 127.0.0.1.
    expect(await answerThrough({ tls }, `localhost:${inventory.grpcPort}`)).toBe('EVENT_NOT_FOUND');
  });

  it('refuses plaintext, a caller without a client certificate, and one that trusts another CA', async () => {
    expect(await answerThrough({})).toBe('UPSTREAM_UNAVAILABLE');
    expect(await answerThrough({ tls: { caFile: pki.caFile } })).toBe('UPSTREAM_UNAVAILABLE');
    expect(await answerThrough({ tls: { caFile: pki.otherCaFile, clientCertFile: pki.clientCertFile, clientKeyFile: pki.clientKeyFile } })).toBe(
      'UPSTREAM_UNAVAILABLE',
    );
  });
});
