import { randomBytes } from 'node:crypto';
import type { AwsClientsConfig } from '../../src/aws-clients.factory';

/*
 * Twin of @ticketing/testing's stand-ins.ts, on purpose: the harness is built on this lib, so this
 * lib's own tests cannot import it (a data-access lib may depend on util libs only, and the import
 * would close a dependency cycle). Same variables, same defaults; keep them in step.
 */
const env = process.env;
env['AWS_ACCESS_KEY_ID'] ??= 'local';
env['AWS_SECRET_ACCESS_KEY'] ??= 'local';
env['AWS_REGION'] ??= 'us-east-1';

/** Endpoints of DynamoDB Local and the SQS/EventBridge emulator. */
export const localAws: AwsClientsConfig = {
  region: env['AWS_REGION'],
  dynamodbEndpoint: env['DYNAMODB_ENDPOINT'] ?? 'http://127.0.0.1:8000',
  sqsEndpoint: env['SQS_ENDPOINT'] ?? 'http://127.0.0.1:4566',
  eventBridgeEndpoint: env['EVENTBRIDGE_ENDPOINT'] ?? 'http://127.0.0.1:4566',
};

/** A prefix no other test run uses, so each test works on fresh resources. */
export function uniquePrefix(): string {
  return `t-${randomBytes(4).toString('hex')}-`;
}
