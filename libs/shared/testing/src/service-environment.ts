import { localStandIns } from './stand-ins';

/**
 * The environment a service process needs to run against the local stand-ins with the resources
 * of one test (`prefix` from createIsolatedAwsResources), bound to loopback on ports the OS picks
 * (the services log the ports they got).
 */
export function serviceEnvironment(prefix: string): Record<string, string> {
  return {
    AWS_REGION: localStandIns.aws.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    DYNAMODB_ENDPOINT: localStandIns.aws.dynamodbEndpoint,
    SQS_ENDPOINT: localStandIns.aws.sqsEndpoint,
    EVENTBRIDGE_ENDPOINT: localStandIns.aws.eventBridgeEndpoint,
    REDIS_URL: localStandIns.redis.standalone.url,
    RESOURCE_PREFIX: prefix,
    HOST: '127.0.0.1',
    HTTP_PORT: '0',
    LOG_LEVEL: 'info',
  };
}
