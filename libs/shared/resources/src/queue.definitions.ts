import type { QueueDefinition } from './resource-definition.types';

const day = 24 * 60 * 60;

/**
 * Dead letters of the worker queue. Kept 14 days (the SQS maximum): a standard queue's message
 * keeps its ORIGINAL enqueue time when it is dead-lettered, so the DLQ must retain longer than the
 * source queue or messages would vanish soon after arriving.
 */
export const reservationWorkerDeadLetterQueue: QueueDefinition = {
  logicalName: 'reservation-worker-dlq',
  owner: 'reservation-worker',
  description: 'Events the worker failed to handle maxReceiveCount times, or rejected as malformed.',
  visibilityTimeoutSeconds: 60,
  receiveMessageWaitTimeSeconds: 20,
  messageRetentionSeconds: 14 * day,
  access: [
    {
      service: 'reservation-worker',
      actions: ['sqs:SendMessage', 'sqs:GetQueueUrl'],
      reason: 'dead-letters permanent failures at once instead of retrying them maxReceiveCount times (finding the queue by name)',
    },
  ],
};

/**
 * Events for the worker (via the EventBridge rules). The visibility timeout (60 s) exceeds the
 * worker's handler deadline, so a message is redelivered only after its handler has given up;
 * retries back off by changing the visibility of the message they failed on. Receives long-poll
 * (20 s) so an idle worker costs few requests.
 */
export const reservationWorkerQueue: QueueDefinition = {
  logicalName: 'reservation-worker',
  owner: 'reservation-worker',
  description: 'reservation.expired and payment outcome events for the reservation worker.',
  visibilityTimeoutSeconds: 60,
  receiveMessageWaitTimeSeconds: 20,
  messageRetentionSeconds: 4 * day,
  deadLetter: { queue: reservationWorkerDeadLetterQueue.logicalName, maxReceiveCount: 5 },
  access: [
    {
      service: 'reservation-worker',
      // GetQueueAttributes: KEDA's aws-sqs-queue scaler reads the backlog with the workload identity.
      actions: [
        'sqs:ReceiveMessage',
        'sqs:DeleteMessage',
        'sqs:ChangeMessageVisibility',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
      ],
      reason: 'consumes events at least once and backs retries off via the visibility timeout',
    },
  ],
};

/** Every queue; a dead-letter queue is listed before the queue that redrives to it. */
export const queueDefinitions: readonly QueueDefinition[] = [reservationWorkerDeadLetterQueue, reservationWorkerQueue];
