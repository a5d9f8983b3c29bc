import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const workspaceRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The architecture rules of eslint.config.mjs, exercised on source text placed (virtually) inside
 * real projects: forbidden imports must fail lint, allowed ones must pass.
 */
describe('module boundaries', () => {
  let eslint: ESLint;
  beforeAll(() => {
    eslint = new ESLint({ cwd: workspaceRoot });
  });

  async function ruleViolations(filePath: string, code: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath: `${workspaceRoot}${filePath}` });
    return (result?.messages ?? []).map((message) => `${message.ruleId}: ${message.message}`);
  }

  it('allows an app to use util, data-access and contract libs', async () => {
    const violations = await ruleViolations(
      'apps/reservation-api/src/boundary-fixture.ts',
      [
        "import { loadConfig } from '@ticketing/config';",
        "import { createAwsClients } from '@ticketing/aws';",
        "import { InventoryServiceClient } from '@ticketing/inventory-contract';",
        'export const used = [loadConfig, createAwsClients, InventoryServiceClient];',
      ].join('\n'),
    );
    expect(violations).toEqual([]);
  });

  it('forbids a util lib from depending on a data-access lib', async () => {
    const violations = await ruleViolations(
      'libs/shared/errors/src/boundary-fixture.ts',
      "import { createAwsClients } from '@ticketing/aws';\nexport const used = createAwsClients;",
    );
    expect(violations).toEqual([expect.stringContaining('@nx/enforce-module-boundaries')]);
  });

  it('forbids AWS SDK imports outside data-access libs', async () => {
    const violations = await ruleViolations(
      'apps/inventory/src/boundary-fixture.ts',
      "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const used = DynamoDBClient;",
    );
    expect(violations).toEqual([expect.stringMatching(/enforce-module-boundaries.*@aws-sdk\/client-dynamodb/)]);
  });

  it('forbids ioredis outside data-access libs', async () => {
    const violations = await ruleViolations(
      'libs/shared/telemetry/src/boundary-fixture.ts',
      "import Redis from 'ioredis';\nexport const used = Redis;",
    );
    expect(violations).toEqual([expect.stringMatching(/enforce-module-boundaries.*ioredis/)]);
  });

  it.each([
    ['fastify', 'libs/shared/telemetry/src/boundary-fixture.ts', "import Fastify from 'fastify';\nexport const used = Fastify;"],
    ['@fastify/*', 'libs/reservation/domain/src/boundary-fixture.ts', "import swagger from '@fastify/swagger';\nexport const used = swagger;"],
    ['@grpc/*', 'libs/inventory/domain/src/boundary-fixture.ts', "import { Metadata } from '@grpc/grpc-js';\nexport const used = Metadata;"],
  ])('forbids a transport (%s) in a domain or util lib', async (_transport, filePath, code) => {
    const violations = await ruleViolations(filePath, code);
    expect(violations).toEqual([expect.stringContaining('@nx/enforce-module-boundaries')]);
  });

  it('lets the Fastify adapter lib use fastify, and apps use the adapter', async () => {
    expect(
      await ruleViolations('libs/shared/fastify-ops/src/boundary-fixture.ts', "import Fastify from 'fastify';\nexport const used = Fastify;"),
    ).toEqual([]);
    expect(
      await ruleViolations(
        'apps/reservation-api/src/boundary-fixture.ts',
        "import { registerFastifyOps } from '@ticketing/fastify-ops';\nexport const used = registerFastifyOps;",
      ),
    ).toEqual([]);
  });

  it("lets tools read an app's configuration from its config lib, with no deep import", async () => {
    const violations = await ruleViolations(
      'tools/src/boundary-fixture.ts',
      "import { inventoryConfigPieces } from '@ticketing/inventory-config';\nexport const used = inventoryConfigPieces;",
    );
    expect(violations).toEqual([]);
  });

  it('forbids one app from importing another app (reservation reaches inventory via the contract)', async () => {
    const violations = await ruleViolations(
      'apps/reservation-api/src/boundary-fixture.ts',
      "import { startInventoryApp } from '@ticketing/inventory/src/app';\nexport const used = startInventoryApp;",
    );
    expect(violations).not.toEqual([]);
    expect(violations.every((violation) => violation.startsWith('@nx/enforce-module-boundaries'))).toBe(true);
  });

  it("lets a data-access lib's tests take their resources from the harness, never its source", async () => {
    const code = "import { waitFor } from '@ticketing/testing';\nexport const used = waitFor;";
    expect(await ruleViolations('libs/reservation/outbox/test/boundary-fixture.ts', code)).toEqual([]);
    expect(await ruleViolations('libs/reservation/outbox/src/boundary-fixture.ts', code)).toEqual([
      expect.stringContaining('@nx/enforce-module-boundaries'),
    ]);
  });

  it("lets a contract lib's tests read a reference doc with the harness, never its source", async () => {
    const code = "import { markedSection } from '@ticketing/testing';\nexport const used = markedSection;";
    expect(await ruleViolations('libs/contracts/events/src/boundary-fixture.test.ts', code)).toEqual([]);
    expect(await ruleViolations('libs/contracts/events/src/boundary-fixture.ts', code)).toEqual([
      expect.stringContaining('@nx/enforce-module-boundaries'),
    ]);
  });

  it('keeps the test harness out of production code', async () => {
    const violations = await ruleViolations(
      'apps/inventory/src/boundary-fixture.ts',
      "import { waitFor } from '@ticketing/testing';\nexport const used = waitFor;",
    );
    expect(violations).toEqual([expect.stringContaining('no-restricted-imports')]);
  });
});
