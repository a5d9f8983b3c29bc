import { describe, expect, it } from 'vitest';
import { readInventoryTransport } from './inventory-transport';

describe('readInventoryTransport', () => {
  it('is plaintext without a CA, TLS with one, mutual TLS with a whole client key pair', () => {
    expect(readInventoryTransport({})).toEqual({});
    expect(readInventoryTransport({ INVENTORY_TLS_CA_FILE: '/tls/ca.crt' })).toEqual({
      tls: { caFile: '/tls/ca.crt', clientCertFile: undefined, clientKeyFile: undefined, serverName: undefined },
    });
    expect(
      readInventoryTransport({
        INVENTORY_TLS_CA_FILE: '/tls/ca.crt',
        INVENTORY_TLS_CLIENT_CERT_FILE: '/tls/tls.crt',
        INVENTORY_TLS_CLIENT_KEY_FILE: '/tls/tls.key',
        INVENTORY_TLS_SERVER_NAME: 'inventory.ticketing.svc',
      }),
    ).toEqual({ tls: { caFile: '/tls/ca.crt', clientCertFile: '/tls/tls.crt', clientKeyFile: '/tls/tls.key', serverName: 'inventory.ticketing.svc' } });
  });

  it('refuses half a key pair, and TLS settings without TLS', () => {
    expect(() => readInventoryTransport({ INVENTORY_TLS_CA_FILE: '/ca', INVENTORY_TLS_CLIENT_CERT_FILE: '/crt' })).toThrow(/INVENTORY_TLS_CLIENT_KEY_FILE/);
    expect(() => readInventoryTransport({ INVENTORY_TLS_CLIENT_CERT_FILE: '/crt', INVENTORY_TLS_CLIENT_KEY_FILE: '/key' })).toThrow(
      /INVENTORY_TLS_CLIENT_CERT_FILE: needs INVENTORY_TLS_CA_FILE/,
    );
    expect(() => readInventoryTransport({ INVENTORY_TLS_SERVER_NAME: 'inventory' })).toThrow(/INVENTORY_TLS_SERVER_NAME: needs INVENTORY_TLS_CA_FILE/);
  });
});
