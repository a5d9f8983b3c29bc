import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import type { AwsClients } from './aws-clients.factory';

/** One event for an EventBridge bus. */
export interface EventToPublish {
  readonly eventBusName: string;
  readonly source: string;
  readonly detailType: string;
  readonly detail: Readonly<Record<string, unknown>>;
}

/**
 * Publishes one event with PutEvents and resolves with the envelope id EventBridge gave it; a
 * rejected entry (PutEvents answers 200 with per-entry failures) throws with its error code.
 */
export async function publishEvent(clients: AwsClients, event: EventToPublish): Promise<string> {
  const { Entries = [], FailedEntryCount = 0 } = await clients.eventBridge.send(
    new PutEventsCommand({
      Entries: [
        { EventBusName: event.eventBusName, Source: event.source, DetailType: event.detailType, Detail: JSON.stringify(event.detail) },
      ],
    }),
  );
  const [entry] = Entries;
  if (FailedEntryCount > 0 || !entry?.EventId) {
    throw new Error(`EventBridge rejected the ${event.detailType} event: ${entry?.ErrorCode ?? 'no entry'} ${entry?.ErrorMessage ?? ''}`.trim());
  }
  return entry.EventId;
}
