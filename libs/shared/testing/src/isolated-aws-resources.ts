import {
  type AwsClients,
  createAwsClients,
  deleteResources,
  provisionedQueue,
  provisionedTable,
  type ProvisionedQueue,
  type ProvisionedResources,
  provisionResources,
} from '@ticketing/aws';
import type { ResourceDefinitions, ResourceSelection } from '@ticketing/resources';
import { localStandIns } from './stand-ins';
import { uniquePrefix } from './unique-prefix';

/** Fresh AWS resources of one test, and how to get rid of them. */
export interface IsolatedAwsResources {
  /** The unique prefix of every physical name. */
  readonly prefix: string;
  readonly resources: ProvisionedResources;
  readonly clients: AwsClients;
  /** The physical name of a provisioned table, by its logical name (`reservations`, `outbox`, …). */
  tableName(logicalName: string): string;
  /** A provisioned queue (name, URL, ARN), by its logical name. */
  queue(logicalName: string): ProvisionedQueue;
  /** Deletes the resources and closes the clients; safe to call more than once. */
  cleanup(): Promise<void>;
}

/** Which resources to provision; all of {@link resourceDefinitions} by default. */
export interface IsolatedAwsResourcesOptions {
  readonly only?: ResourceSelection;
  readonly definitions?: ResourceDefinitions;
}

/**
 * Provisions the platform's resources (or a selection) on the local stand-ins under a prefix no
 * other test uses, so a test never sees another test's items, messages or leftovers.
 *
 * @example
 * ```ts
 * let aws: IsolatedAwsResources;
 * beforeEach(async () => (aws = await createIsolatedAwsResources({ only: { tables: ['inventory-seats'] } })));
 * afterEach(() => aws.cleanup());
 * ```
 */
export async function createIsolatedAwsResources(
  options: IsolatedAwsResourcesOptions = {},
): Promise<IsolatedAwsResources> {
  const prefix = uniquePrefix();
  const clients = createAwsClients(localStandIns.aws);
  let resources: ProvisionedResources;
  try {
    resources = await provisionResources(clients, { prefix, definitions: options.definitions, only: options.only });
  } catch (error) {
    clients.destroy();
    throw error;
  }
  let cleaned: Promise<void> | undefined;
  return {
    prefix,
    resources,
    clients,
    tableName: (logicalName) => provisionedTable(resources, logicalName).name,
    queue: (logicalName) => provisionedQueue(resources, logicalName),
    cleanup() {
      cleaned ??= deleteResources(clients, resources).finally(() => clients.destroy());
      return cleaned;
    },
  };
}

/**
 * AWS clients of the local stand-ins, built as the apps build them, for a test that needs clients
 * of its own (e.g. to watch or break their traffic). The caller destroys them.
 */
export function localAwsClients(): AwsClients {
  return createAwsClients(localStandIns.aws);
}
