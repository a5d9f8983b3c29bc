/**
 * `tsx tools/src/local-infra/cli.ts up [--apps] | down | status [--apps] | provision`
 * (npm run infra:up / infra:down / infra:status).
 *
 * - `up` starts the stand-ins and provisions the AWS resources; with `--apps` it then starts the
 *   three services from source on their local ports (what `tools/dev up` does).
 * - `down` stops everything this tool started from its state dir, apps included.
 * - `status` prints a table and exits 0 when every listed process answers, 3 otherwise.
 * - `provision` only creates the resources, against DYNAMODB_ENDPOINT / SQS_ENDPOINT /
 *   EVENTBRIDGE_ENDPOINT when set (Docker Compose) or the local ports.
 *
 * `up` prints only the endpoint lines on stdout, so `npm run -s infra:up > .env.local` works;
 * progress and errors go to stderr. Settings: see local-infra.config.ts.
 */
import {
  appNames,
  LocalInfraError,
  localInfraEndpoints,
  loadLocalInfraConfig,
  provisionLocalResources,
  localInfraStatus,
  startLocalInfra,
  stopLocalInfra,
  type LocalInfraConfig,
} from './index';

const usage = 'usage: infra up [--apps] | down | status [--apps] | provision';

/** The same settings with other components selected. */
function withComponents(config: LocalInfraConfig, components: LocalInfraConfig['components']): LocalInfraConfig {
  return { ...config, components };
}

const commands: Record<string, (config: LocalInfraConfig, apps: boolean) => Promise<void>> = {
  async up(config, apps) {
    const startedAt = Date.now();
    let { endpoints } = await startLocalInfra(config, { onProgress: progress });
    if (apps) {
      // After provisioning, so the apps find their tables and queues on their first readiness check.
      const started = await startLocalInfra(withComponents(config, appNames), { onProgress: progress, provision: false });
      endpoints = { ...endpoints, ...started.endpoints };
    }
    progress(`up in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
    for (const [name, value] of Object.entries(endpoints)) process.stdout.write(`${name}=${value}\n`);
  },
  async provision(config) {
    const endpoints = { ...localInfraEndpoints(config), ...config.awsEndpointOverrides };
    const resources = await provisionLocalResources({
      region: config.region,
      dynamodbEndpoint: endpoints['DYNAMODB_ENDPOINT'] ?? '',
      sqsEndpoint: endpoints['SQS_ENDPOINT'] ?? '',
      eventBridgeEndpoint: endpoints['EVENTBRIDGE_ENDPOINT'] ?? '',
      prefix: config.resourcePrefix,
    });
    progress(`provisioned with prefix "${resources.prefix}"`);
  },
  async down(config) {
    // Apps first: they hold connections to the stand-ins.
    await stopLocalInfra(withComponents(config, appNames), { onProgress: progress });
    const outcomes = await stopLocalInfra(config, { onProgress: progress });
    const leftAlone = outcomes.filter((outcome) => outcome.result === 'left-alone').length;
    if (leftAlone > 0) progress(`${leftAlone} stale pid file(s) pointed at other processes; those were not touched`);
  },
  async status(config, apps) {
    const rows = await localInfraStatus(apps ? withComponents(config, [...config.components, ...appNames]) : config);
    const table = [
      ['COMPONENT', 'PROCESS', 'PID', 'PORT', 'STATE'],
      ...rows.map((row) => [
        row.component,
        row.name,
        String(row.pid ?? '-'),
        String(row.port ?? '-'),
        row.note === undefined ? row.state : `${row.state} (${row.note})`,
      ]),
    ];
    const widths = table[0]?.map((_, column) => Math.max(...table.map((line) => line[column]?.length ?? 0))) ?? [];
    for (const line of table) {
      process.stdout.write(`${line.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd()}\n`);
    }
    if (rows.some((row) => row.state !== 'up')) process.exitCode = 3;
  },
};

function progress(message: string): void {
  process.stderr.write(`infra: ${message}\n`);
}

async function main(argv: readonly string[]): Promise<void> {
  const [name, ...flags] = argv;
  const command = name === undefined ? undefined : commands[name];
  if (command === undefined || flags.some((flag) => flag !== '--apps')) throw new LocalInfraError(usage);
  await command(loadLocalInfraConfig(), flags.includes('--apps'));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof LocalInfraError) {
    for (const line of error.details) process.stderr.write(`  | ${line}\n`);
    process.stderr.write(`infra: ${error.message}\n`);
  } else {
    // Unexpected: keep it to one line, but do not hide what it was.
    process.stderr.write(`infra: unexpected error: ${error instanceof Error ? error.message : String(error)}\n`);
  }
  process.exitCode = 1;
});
