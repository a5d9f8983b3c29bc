import { createAwsClients, provisionResources, type ProvisionedResources } from '@ticketing/aws';
import { applyLocalAwsCredentialDefaults } from './local-infra.config';
import { LocalInfraError } from './local-infra.errors';

/** Where the local AWS stand-ins answer, and which names to give the resources. */
export interface LocalAwsEndpoints {
  readonly region: string;
  readonly dynamodbEndpoint: string;
  readonly sqsEndpoint: string;
  readonly eventBridgeEndpoint: string;
  /** Environment prefix of every physical name, e.g. `ticketing-local-`. */
  readonly prefix: string;
}

/**
 * Creates (or finds) the platform's tables, queues, bus and rules on the local stand-ins, from the
 * same definitions every other environment is built from (@ticketing/resources). Idempotent, like
 * `provisionResources` itself, so `up` runs it every time.
 *
 * @throws LocalInfraError naming the resource that failed, with the SDK's error as `cause`.
 */
export async function provisionLocalResources(endpoints: LocalAwsEndpoints): Promise<ProvisionedResources> {
  applyLocalAwsCredentialDefaults();
  const clients = createAwsClients({
    region: endpoints.region,
    dynamodbEndpoint: endpoints.dynamodbEndpoint,
    sqsEndpoint: endpoints.sqsEndpoint,
    eventBridgeEndpoint: endpoints.eventBridgeEndpoint,
  });
  try {
    return await provisionResources(clients, { prefix: endpoints.prefix });
  } catch (error) {
    throw new LocalInfraError(
      `provisioning with prefix "${endpoints.prefix}" failed: ${error instanceof Error ? error.message : String(error)}`,
      [],
      { cause: error },
    );
  } finally {
    clients.destroy();
  }
}
