import Type from 'typebox';
import { defineConfigPiece } from './config-piece';
import { urlVariable } from './schema-types';

/**
 * Where the AWS services live. Endpoints are only set for local stand-ins (DynamoDB Local, the
 * SQS/EventBridge emulator); in AWS they stay unset and the SDK's regional endpoints apply.
 * Credentials are never configuration: the SDK's default chain (IRSA on EKS) provides them.
 */
export const awsConfig = defineConfigPiece(
  {
    AWS_REGION: Type.String({ minLength: 1, default: 'us-east-1', description: 'AWS region' }),
    DYNAMODB_ENDPOINT: Type.Optional(urlVariable('DynamoDB endpoint override, for DynamoDB Local')),
    SQS_ENDPOINT: Type.Optional(urlVariable('SQS endpoint override, for the local emulator')),
    EVENTBRIDGE_ENDPOINT: Type.Optional(urlVariable('EventBridge endpoint override, for the local emulator')),
    RESOURCE_PREFIX: Type.String({
      pattern: '^[a-zA-Z0-9_-]*$',
      maxLength: 64,
      default: 'ticketing-local-',
      description: 'prefix of every table, queue, bus and rule name of this environment',
    }),
  },
  (env) => ({
    region: env.AWS_REGION,
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT,
    sqsEndpoint: env.SQS_ENDPOINT,
    eventBridgeEndpoint: env.EVENTBRIDGE_ENDPOINT,
    resourcePrefix: env.RESOURCE_PREFIX,
  }),
);
