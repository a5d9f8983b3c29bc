import { defineConfigPiece, loadConfig } from '@ticketing/config';
import Type from 'typebox';

/** Settings of `npm run seed:demo`: where the inventory is, and the demo venue's shape. */
export const seedConfigPieces = {
  seed: defineConfigPiece(
    {
      INVENTORY_GRPC_ADDRESS: Type.String({
        pattern: '^[^\\s:]+:\\d+$',
        default: '127.0.0.1:50051',
        description: 'host:port of the inventory gRPC service',
      }),
      INVENTORY_ADMIN_TOKEN: Type.Optional(
        Type.String({
          minLength: 16,
          description: "bearer token for CreateEvent (an admin service account's token); defaults to one minted by tools/dev up's local issuer",
        }),
      ),
      LOCAL_INFRA_DIR: Type.String({ default: '.local/run', description: 'where tools/dev keeps its state' }),
      DEMO_EVENT_ID: Type.String({ default: 'evt_demo', description: 'id of the demo event' }),
      DEMO_SECTIONS: Type.Integer({ minimum: 1, maximum: 200, default: 4, description: 'sections of the demo venue' }),
      DEMO_ROWS: Type.Integer({ minimum: 1, maximum: 200, default: 20, description: 'rows per section' }),
      DEMO_SEATS_PER_ROW: Type.Integer({ minimum: 1, maximum: 200, default: 25, description: 'seats per row' }),
    },
    (env) => ({
      inventoryAddress: env.INVENTORY_GRPC_ADDRESS,
      adminToken: env.INVENTORY_ADMIN_TOKEN,
      stateDir: env.LOCAL_INFRA_DIR,
      eventId: env.DEMO_EVENT_ID,
      sections: env.DEMO_SECTIONS,
      rows: env.DEMO_ROWS,
      seatsPerRow: env.DEMO_SEATS_PER_ROW,
    }),
  ),
};

/** Reads the seeding settings from the environment. */
export function loadSeedConfig(env: Readonly<Record<string, string | undefined>> = process.env) {
  return loadConfig(seedConfigPieces, env).seed;
}
