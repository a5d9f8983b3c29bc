import { inventoryComponent, reservationApiComponent, reservationWorkerComponent } from './app.component';
import { awsEmulatorComponent } from './aws-emulator.component';
import type { LocalInfraComponent } from './component';
import { dynamodbLocalComponent } from './dynamodb-local.component';
import type { ComponentName, LocalInfraConfig } from './local-infra.config';
import { redisClusterComponent } from './redis-cluster.component';
import { redisComponent } from './redis.component';
import { serviceIssuerComponent } from './service-issuer/service-issuer.component';

const registry: Record<ComponentName, LocalInfraComponent> = {
  dynamodb: dynamodbLocalComponent,
  redis: redisComponent,
  'redis-cluster': redisClusterComponent,
  'aws-emulator': awsEmulatorComponent,
  'service-issuer': serviceIssuerComponent,
  inventory: inventoryComponent,
  'reservation-api': reservationApiComponent,
  'reservation-worker': reservationWorkerComponent,
};

/** The components `LOCAL_INFRA_COMPONENTS` selects, in canonical order. */
export function selectedComponents(config: LocalInfraConfig): LocalInfraComponent[] {
  return config.components.map((name) => registry[name]);
}

/** Endpoint environment lines for every selected component. */
export function localInfraEndpoints(config: LocalInfraConfig): Record<string, string> {
  return Object.assign({}, ...selectedComponents(config).map((component) => component.endpoints(config)));
}

