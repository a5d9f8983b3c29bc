/**
 * `npm run seed:demo`: creates a demo event through the inventory's CreateEvent RPC (the same path
 * an admin tool uses), so a freshly started local stack has seats to hold. Idempotent: running it
 * again reports the existing event.
 */
import { resolve } from 'node:path';
import { credentials, Metadata } from '@grpc/grpc-js';
import { ConfigError } from '@ticketing/config';
import { inventoryRpc, InventoryServiceClient, inventoryTokenAudience, readErrorDetail } from '@ticketing/inventory-contract';
import { demoEventRequest } from '@ticketing/testing';
import { localIssuerUrl } from '../local-infra/service-issuer/local-issuer-address';
import { localServiceAccounts, mintLocalServiceToken } from '../local-infra/service-issuer/local-service-tokens';
import { loadSeedConfig } from './seed.config';

async function seed(): Promise<void> {
  const config = loadSeedConfig();
  const client = new InventoryServiceClient(config.inventoryAddress, credentials.createInsecure());
  try {
    const metadata = new Metadata();
    const adminToken =
      config.adminToken ??
      mintLocalServiceToken(resolve(config.stateDir), { issuer: localIssuerUrl, subject: localServiceAccounts.admin, audience: inventoryTokenAudience });
    metadata.set('authorization', `Bearer ${adminToken}`);
    const sections = Array.from({ length: config.sections }, (_, index) => ({
      sectionId: String.fromCharCode(65 + (index % 26)) + (index >= 26 ? String(Math.floor(index / 26)) : ''),
      rows: config.rows,
      seatsPerRow: config.seatsPerRow,
      priceMinor: 9_000 - index * 1_000 > 1_000 ? 9_000 - index * 1_000 : 1_500,
    }));
    const { event, created } = await inventoryRpc(client, { metadata, deadlineMs: 120_000 }).createEvent(
      demoEventRequest({ eventId: config.eventId, sections, name: 'Demo concert' }),
    );
    console.log(
      `${created ? 'created' : 'already there:'} ${event?.eventId} with ${event?.seatCount} seats in ${event?.sections.length} sections`,
    );
  } finally {
    client.close();
  }
}

seed().catch((error: unknown) => {
  const detail = readErrorDetail(error);
  const message = error instanceof ConfigError || !(error instanceof Error) ? String(error) : error.message;
  console.error(`seed: ${detail ? `${detail.code}: ` : ''}${message}`);
  process.exitCode = 1;
});
