import { defineConfigPiece, millisecondsVariable } from '@ticketing/config';
import Type from 'typebox';
import { inventoryAddressPattern, inventoryCredentialVariables, inventoryTransportVariables, readInventoryCredentials, readInventoryTransport } from '@ticketing/inventory-contract';

/** How the API reaches the inventory service, and how patiently. */
export const inventoryClientConfig = defineConfigPiece(
  {
    INVENTORY_GRPC_ADDRESS: Type.String({
      pattern: inventoryAddressPattern,
      default: '127.0.0.1:50051',
      description:
        'host:port of the inventory gRPC service, or dns:///host:port for a name resolving to every replica (a headless Service): calls are spread round-robin over the addresses',
    }),
    INVENTORY_DEADLINE_MS: millisecondsVariable(250, 10_000, 'deadline of one inventory call'),
    INVENTORY_SEAT_MAP_DEADLINE_MS: millisecondsVariable(
      1_000,
      30_000,
      'deadline of a seat-map call (a cold 10,000-seat map is rebuilt from DynamoDB, which takes longer)',
    ),
    ...inventoryCredentialVariables,
    ...inventoryTransportVariables,
    INVENTORY_BREAKER_RESET_MS: millisecondsVariable(
      5_000,
      300_000,
      'how long the inventory circuit stays open before one trial call',
    ),
    INVENTORY_BREAKER_ERROR_PERCENT: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'share of failing inventory calls (rolling 10 s window) that opens the circuit',
    }),
  },
  (env) => ({
    address: env.INVENTORY_GRPC_ADDRESS,
    deadlineMs: env.INVENTORY_DEADLINE_MS,
    seatMapDeadlineMs: env.INVENTORY_SEAT_MAP_DEADLINE_MS,
    credentials: readInventoryCredentials(env),
    transport: readInventoryTransport(env),
    breakerResetMs: env.INVENTORY_BREAKER_RESET_MS,
    breakerErrorPercent: env.INVENTORY_BREAKER_ERROR_PERCENT,
  }),
);
