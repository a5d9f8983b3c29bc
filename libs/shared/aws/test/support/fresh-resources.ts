import type { ResourceDefinitions, ResourceSelection } from '@ticketing/resources';
import { type AwsClients, createAwsClients } from '../../src/aws-clients.factory';
import { deleteResources } from '../../src/delete-resources';
import { provisionResources } from '../../src/provision-resources';
import type { ProvisionedResources } from '../../src/provisioned-resources';
import { localAws, uniquePrefix } from './stand-ins';

/** Resources provisioned for one test under a prefix of its own. */
export interface FreshResources {
  readonly clients: AwsClients;
  readonly resources: ProvisionedResources;
  cleanup(): Promise<void>;
}

/** Provisions a selection (or custom definitions) under a unique prefix on the stand-ins. */
export async function freshResources(
  options: { only?: ResourceSelection; definitions?: ResourceDefinitions } = {},
): Promise<FreshResources> {
  const clients = createAwsClients(localAws);
  const resources = await provisionResources(clients, { prefix: uniquePrefix(), ...options });
  return {
    clients,
    resources,
    async cleanup() {
      await deleteResources(clients, resources);
      clients.destroy();
    },
  };
}
