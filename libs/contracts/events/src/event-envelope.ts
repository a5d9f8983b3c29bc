import Type, { type Static, type TSchema } from 'typebox';
import Value from 'typebox/value';
import { paymentOutcomeDetail, reservationExpiredDetail, type PaymentOutcomeDetail, type ReservationExpiredDetail } from './event-details';
import { workerDetailTypes, type WorkerDetailType } from './event-types';

/** The EventBridge envelope as a rule with an SQS target delivers it: the message body. */
const envelopeSchema = Type.Object(
  {
    id: Type.String({ minLength: 1 }),
    source: Type.String({ minLength: 1 }),
    'detail-type': Type.String({ minLength: 1 }),
    time: Type.Optional(Type.String()),
    detail: Type.Object({}, { additionalProperties: true }),
  },
  { additionalProperties: true },
);
type Envelope = Static<typeof envelopeSchema>;

/** A worker event, parsed and checked: the detail type decides the shape of `detail`. */
export type WorkerEvent =
  | { readonly detailType: 'reservation.expired'; readonly envelopeId: string; readonly publishedAt: Date | undefined; readonly detail: ReservationExpiredDetail }
  | {
      readonly detailType: 'payment.approved' | 'payment.failed';
      readonly envelopeId: string;
      readonly publishedAt: Date | undefined;
      readonly detail: PaymentOutcomeDetail;
    };

/** Why a message body is not a worker event; `kind` is a metric label, `message` says what exactly. */
export class UnusableEventError extends Error {
  override readonly name = 'UnusableEventError';
  constructor(
    readonly kind: 'malformed' | 'unknown-detail-type',
    message: string,
    /** The detail type, when the envelope had one (for metrics and logs). */
    readonly detailType?: string,
  ) {
    super(message);
  }
}

const detailSchemas = {
  'reservation.expired': reservationExpiredDetail,
  'payment.approved': paymentOutcomeDetail,
  'payment.failed': paymentOutcomeDetail,
} as const;

/**
 * Parses an SQS message body holding an EventBridge event for the worker. Throws
 * {@link UnusableEventError}: `malformed` for bad JSON, a broken envelope or a detail that does not
 * fit its type (naming the first offending field), `unknown-detail-type` for a detail type the
 * worker does not handle or that came from a source not allowed to send it.
 */
export function parseWorkerEvent(body: string | undefined): WorkerEvent {
  let json: unknown;
  try {
    json = JSON.parse(body ?? '');
  } catch {
    throw new UnusableEventError('malformed', 'the message body is not JSON');
  }
  const envelopeProblem = firstProblem(envelopeSchema, json);
  if (envelopeProblem) throw new UnusableEventError('malformed', `not an EventBridge envelope: ${envelopeProblem}`);
  const envelope = json as Envelope;
  const detailType = envelope['detail-type'];
  if (!isWorkerDetailType(detailType) || workerDetailTypes[detailType] !== envelope.source) {
    throw new UnusableEventError('unknown-detail-type', `no handler for ${envelope.source} / ${detailType}`, detailType);
  }
  const detailProblem = firstProblem(detailSchemas[detailType], envelope.detail);
  if (detailProblem) throw new UnusableEventError('malformed', `${detailType} detail: ${detailProblem}`, detailType);
  const publishedAt = envelope.time === undefined ? undefined : new Date(envelope.time);
  return {
    detailType,
    envelopeId: envelope.id,
    publishedAt: publishedAt && !Number.isNaN(publishedAt.getTime()) ? publishedAt : undefined,
    detail: envelope.detail,
  } as WorkerEvent;
}

function isWorkerDetailType(value: string): value is WorkerDetailType {
  return Object.hasOwn(workerDetailTypes, value);
}

function firstProblem(schema: TSchema, value: unknown): string | undefined {
  const [error] = Value.Errors(schema, value);
  if (!error) return undefined;
  return `${error.instancePath || '(root)'} ${error.message}`;
}
