import { randomBytes } from 'node:crypto';
import { CreateEventBusCommand, DeleteEventBusCommand, EventBridgeClient } from '@aws-sdk/client-eventbridge';

/*
 * A fresh custom event bus on the SQS/EventBridge emulator (EVENTBRIDGE_ENDPOINT, default
 * http://127.0.0.1:4566), plus a record of every PutEvents call the client makes — observed on the
 * real client's middleware stack, the calls themselves still go to the emulator.
 */

const endpoint = process.env['EVENTBRIDGE_ENDPOINT'] ?? 'http://127.0.0.1:4566';
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

/** An EventBridge client for `endpoint` (the emulator unless told otherwise). */
export function localEventBridgeClient(options: { endpoint?: string; maxAttempts?: number } = {}): EventBridgeClient {
  return new EventBridgeClient({
    region: 'us-east-1',
    endpoint: options.endpoint ?? endpoint,
    credentials,
    maxAttempts: options.maxAttempts,
  });
}

/** Entries of each PutEvents call a client sent, in order. */
export function recordPutEventsCalls(client: EventBridgeClient): { readonly entriesPerCall: number[] } {
  const record = { entriesPerCall: [] as number[] };
  client.middlewareStack.add(
    (next, context) => (args) => {
      if (context.commandName === 'PutEventsCommand') {
        record.entriesPerCall.push((args.input as { Entries?: unknown[] }).Entries?.length ?? 0);
      }
      return next(args);
    },
    { step: 'initialize', name: 'recordPutEventsCalls' },
  );
  return record;
}

/** A new bus with a unique name; `cleanup` deletes it and closes the client. */
export async function freshEventBus(): Promise<{ client: EventBridgeClient; busName: string; cleanup(): Promise<void> }> {
  const client = localEventBridgeClient();
  const busName = `t-${randomBytes(4).toString('hex')}-ticketing`;
  await client.send(new CreateEventBusCommand({ Name: busName }));
  return {
    client,
    busName,
    async cleanup() {
      await client.send(new DeleteEventBusCommand({ Name: busName })).catch(() => undefined);
      client.destroy();
    },
  };
}
