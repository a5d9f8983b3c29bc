import { localStandIns } from './stand-ins';

/**
 * Caller authentication of a service started by a test that is not about authentication: the
 * explicit local mode, in which the static-token fallback without a token admits the callers of the
 * inventory and of the API's internal endpoints (an inventory admin token, where a test sets one,
 * still guards CreateEvent). Tests of service identity start their services with a test issuer.
 */
export const localModeCallerAuth: Readonly<Record<string, string>> = {
  SERVICE_AUTH_MODE: 'static-token',
  SERVICE_AUTH_LOCAL_MODE: 'true',
};

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
    INTERNAL_HTTP_PORT: '0',
    LOG_LEVEL: 'info',
    ...localModeCallerAuth,
  };
}
