import { awsEmulatorComponent } from './aws-emulator.component';
import { dynamodbLocalComponent } from './dynamodb-local.component';
import type { LocalInfraConfig } from './local-infra.config';
import { redisClusterComponent } from './redis-cluster.component';
import { redisComponent } from './redis.component';

/**
 * Where every stand-in listens (whether or not it is selected right now), as the apps need it:
 * `DYNAMODB_ENDPOINT`, `REDIS_URL`, `REDIS_CLUSTER_NODES`, `SQS_ENDPOINT`, `EVENTBRIDGE_ENDPOINT`.
 */
export function localStandInEndpoints(config: LocalInfraConfig): Record<string, string> {
  return Object.assign(
    {},
    ...[dynamodbLocalComponent, redisComponent, redisClusterComponent, awsEmulatorComponent].map((component) =>
      component.endpoints(config),
    ),
  );
}
