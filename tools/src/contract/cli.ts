/**
 * `npm run test:contract` (through `tools/dev contract`, which starts the stand-ins): the OpenAPI
 * documents of the reservation API are its contract. Starts the API and the inventory on fresh
 * resources with the demo event, then lets Schemathesis generate requests from each document —
 * the public one with a user's token, the internal one with the worker's service-account token —
 * with every check (`--checks all`), a fixed seed and a time budget. Exits non-zero on any failure.
 *
 * Settings: CONTRACT_MAX_TIME_SECONDS (per document, default 60), CONTRACT_SEED (default 1).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startContractStack } from './contract-stack';
import { runSchemathesis, type SchemathesisResult } from './schemathesis-run';

const workspaceRoot = fileURLToPath(new URL('../../../', import.meta.url));
const schemathesis = `${workspaceRoot}.local/venv/bin/st`;
const configFile = `${workspaceRoot}tools/contract/schemathesis.toml`;
const reportDirectory = `${workspaceRoot}.local/contract/`;

async function main(): Promise<number> {
  if (!existsSync(schemathesis)) {
    console.error(`contract: ${schemathesis} is missing; tools/dev setup installs it (tools/requirements-contract.txt)`);
    return 2;
  }
  const maxTimeSeconds = Number(process.env['CONTRACT_MAX_TIME_SECONDS'] ?? 60);
  const seed = Number(process.env['CONTRACT_SEED'] ?? 1);
  const stack = await startContractStack();
  const results: SchemathesisResult[] = [];
  try {
    const common = { executable: schemathesis, configFile, seed, maxTimeSeconds };
    const documents = [
      {
        name: 'public',
        documentUrl: `${stack.publicUrl}/openapi.json`,
        bearerToken: stack.userToken,
        // An endless Server-Sent Events stream; apps/reservation-api/test/seat-map.e2e.test.ts holds it to the document.
        excludeOperationIds: ['streamSeatMap'],
      },
      { name: 'internal', documentUrl: `${stack.internalUrl}/openapi.json`, bearerToken: stack.workerToken },
    ];
    for (const document of documents) {
      results.push(await runSchemathesis({ ...common, ...document, logFile: `${reportDirectory}${document.name}.log` }));
    }
  } finally {
    await stack.stop();
  }
  for (const result of results) {
    console.log(`contract: ${result.name} document: ${result.generated ?? '?'} requests generated, ${result.verdict} (seed ${seed})`);
  }
  return results.every((result) => result.exitCode === 0) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`contract: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
