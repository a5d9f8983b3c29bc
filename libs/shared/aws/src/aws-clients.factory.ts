import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/**
 * Where the AWS services are. Endpoints are set only for local stand-ins; in AWS they stay unset
 * and the regional endpoints apply. Credentials are deliberately absent: the SDK's default chain
 * (IRSA on EKS, environment variables locally) provides them.
 */
export interface AwsClientsConfig {
  readonly region: string;
  readonly dynamodbEndpoint?: string | undefined;
  readonly sqsEndpoint?: string | undefined;
  readonly eventBridgeEndpoint?: string | undefined;
}

/** Hooks that watch the clients' traffic, e.g. to count DynamoDB calls per operation in metrics. */
export interface AwsCallObservers {
  /** Called once per DynamoDB API call (not per retry) with the operation, e.g. `TransactWriteItems`. */
  readonly onDynamoDbCall?: (operation: string) => void;
}

/** The SDK clients a service talks to AWS with. */
export interface AwsClients {
  readonly dynamodb: DynamoDBClient;
  /** Marshals plain objects; `undefined` attributes are dropped instead of failing the call. */
  readonly documents: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly eventBridge: EventBridgeClient;
  /** Closes every client's connection pool; call once on shutdown. */
  destroy(): void;
}

/** The document client the platform uses on `dynamodb`: plain objects, `undefined` attributes dropped. */
export function documentClientFor(dynamodb: DynamoDBClient): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(dynamodb, { marshallOptions: { removeUndefinedValues: true } });
}

/**
 * Calls `onCall` with the operation (`GetItem`, `TransactWriteItems`, …) of every call through
 * `dynamodb` — and through document clients made from it, which share its middleware stack — once
 * per logical call: 'initialize' runs before retries, so retries are not double-counted. A second
 * call replaces the first observer.
 */
export function countDynamoDbCalls(dynamodb: DynamoDBClient, onCall: (operation: string) => void): void {
  dynamodb.middlewareStack.add(
    (next, context) => (args) => {
      onCall(String(context.commandName ?? 'unknown').replace(/Command$/, ''));
      return next(args);
    },
    { step: 'initialize', name: 'countDynamoDbCalls', override: true },
  );
}

/**
 * Builds the SDK clients from config.
 *
 * @example
 * ```ts
 * const clients = createAwsClients({ region: 'us-east-1', dynamodbEndpoint: 'http://127.0.0.1:8000' });
 * await clients.documents.send(new GetCommand({ TableName, Key: { pk, sk } }));
 * clients.destroy();
 * ```
 */
export function createAwsClients(config: AwsClientsConfig, observers: AwsCallObservers = {}): AwsClients {
  const { region } = config;
  const dynamodb = new DynamoDBClient({ region, endpoint: config.dynamodbEndpoint });
  if (observers.onDynamoDbCall) countDynamoDbCalls(dynamodb, observers.onDynamoDbCall);
  const documents = documentClientFor(dynamodb);
  const sqs = new SQSClient({ region, endpoint: config.sqsEndpoint });
  const eventBridge = new EventBridgeClient({ region, endpoint: config.eventBridgeEndpoint });
  return {
    dynamodb,
    documents,
    sqs,
    eventBridge,
    destroy() {
      // The document client wraps `dynamodb` and owns no connections of its own.
      dynamodb.destroy();
      sqs.destroy();
      eventBridge.destroy();
    },
  };
}
