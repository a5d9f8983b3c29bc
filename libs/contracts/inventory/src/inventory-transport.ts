import { readFileSync } from 'node:fs';
import { credentials, type ChannelCredentials, type ChannelOptions } from '@grpc/grpc-js';
import { ConfigRuleViolation, requireBothOrNeither } from '@ticketing/config';
import Type from 'typebox';

/** How a caller reaches the inventory's gRPC port: plaintext, TLS, or TLS with a client certificate. */
export interface InventoryTransport {
  readonly tls?: {
    /** PEM CA bundle the inventory's certificate must chain to. */
    readonly caFile: string;
    /** PEM client certificate and key, for an inventory that requires mutual TLS. */
    readonly clientCertFile?: string | undefined;
    readonly clientKeyFile?: string | undefined;
    /** The name the inventory's certificate must carry, when it is not the address's host. */
    readonly serverName?: string | undefined;
  };
}

/** The variables with which a service reaches the inventory over TLS; read them with {@link readInventoryTransport}. */
export const inventoryTransportVariables = {
  INVENTORY_TLS_CA_FILE: Type.Optional(
    Type.String({ minLength: 1, description: "PEM CA bundle the inventory's certificate must chain to; setting it calls the inventory over TLS" }),
  ),
  INVENTORY_TLS_CLIENT_CERT_FILE: Type.Optional(
    Type.String({ minLength: 1, description: 'PEM client certificate presented to an inventory that requires mutual TLS' }),
  ),
  INVENTORY_TLS_CLIENT_KEY_FILE: Type.Optional(Type.String({ minLength: 1, description: 'PEM private key of INVENTORY_TLS_CLIENT_CERT_FILE' })),
  INVENTORY_TLS_SERVER_NAME: Type.Optional(
    Type.String({ minLength: 1, description: "name the inventory's certificate must carry, when it is not the host of INVENTORY_GRPC_ADDRESS" }),
  ),
};

/** Validates {@link inventoryTransportVariables}: the client key pair comes whole, and only with TLS. */
export function readInventoryTransport(env: {
  readonly INVENTORY_TLS_CA_FILE?: string | undefined;
  readonly INVENTORY_TLS_CLIENT_CERT_FILE?: string | undefined;
  readonly INVENTORY_TLS_CLIENT_KEY_FILE?: string | undefined;
  readonly INVENTORY_TLS_SERVER_NAME?: string | undefined;
}): InventoryTransport {
  const { INVENTORY_TLS_CA_FILE: caFile, INVENTORY_TLS_CLIENT_CERT_FILE: clientCertFile, INVENTORY_TLS_CLIENT_KEY_FILE: clientKeyFile } = env;
  requireBothOrNeither(['INVENTORY_TLS_CLIENT_CERT_FILE', clientCertFile], ['INVENTORY_TLS_CLIENT_KEY_FILE', clientKeyFile]);
  if (!caFile) {
    for (const variable of ['INVENTORY_TLS_CLIENT_CERT_FILE', 'INVENTORY_TLS_SERVER_NAME'] as const) {
      if (env[variable]) throw new ConfigRuleViolation(variable, 'needs INVENTORY_TLS_CA_FILE: it applies to TLS only');
    }
    return {};
  }
  return { tls: { caFile, clientCertFile, clientKeyFile, serverName: env.INVENTORY_TLS_SERVER_NAME } };
}

/**
 * The channel credentials and options of `transport`. The files are read once, when the client is
 * created: a renewed certificate takes effect with the next pod.
 */
export function inventoryChannelSecurity(transport: InventoryTransport): { credentials: ChannelCredentials; options: ChannelOptions } {
  const { tls } = transport;
  if (!tls) return { credentials: credentials.createInsecure(), options: {} };
  const clientKeyPair =
    tls.clientCertFile && tls.clientKeyFile ? ([readFileSync(tls.clientKeyFile), readFileSync(tls.clientCertFile)] as const) : ([null, null] as const);
  return {
    credentials: credentials.createSsl(readFileSync(tls.caFile), ...clientKeyPair),
    options: tls.serverName ? { 'grpc.ssl_target_name_override': tls.serverName, 'grpc.default_authority': tls.serverName } : {},
  };
}
