import { performance } from 'node:perf_hooks';
import { summariseLatencies, type LatencySummary } from '../../shared/load/latency-summary';
import { OutcomeRecorder, type RecordedCalls } from '../../shared/load/outcome-recorder';
import type { FailedRequest, GrantedPost, RefusedPost, SaleSecond } from './onsale-scenario-plan';

/** The endpoints a buyer calls, as the report names them. */
export const endpoints = {
  post: 'POST /v1/reservations',
  seatMap: 'GET /v1/events/{id}/seats?section_id=',
  cancel: 'POST /v1/reservations/{id}/cancel',
} as const;

export type Endpoint = (typeof endpoints)[keyof typeof endpoints];

/** One timed request: when it went out (epoch ms), how long it took, how it ended. */
export interface TimedRequest {
  readonly sentAt: number;
  readonly answeredAt: number;
  /** `201`, `409 INVENTORY_CONFLICT`, `504 UPSTREAM_TIMEOUT`, `error` (no answer), … */
  readonly outcome: string;
}

type MutableSecond = { -readonly [Key in keyof SaleSecond]: SaleSecond[Key] };

/**
 * Everything the buyers' process records during the sale: each request's latency by endpoint and
 * outcome, the granted and refused POSTs with what they asked for, failures with their time, and
 * per-second counts from the first buyer on.
 */
export class SaleLog {
  readonly startedAt = Date.now();
  readonly granted: GrantedPost[] = [];
  readonly refused: RefusedPost[] = [];
  readonly cancelled: { reservationId: string; answeredAt: number; seats: number }[] = [];
  readonly failed: FailedRequest[] = [];
  private readonly seconds: MutableSecond[] = [];
  private readonly recorders = new Map<Endpoint, OutcomeRecorder>();
  private readonly latencies = new Map<Endpoint, number[]>();

  /** Times `call`, records it under `endpoint` and returns what it answered (`undefined`: no answer). */
  async timed<Answer extends { readonly status: number }>(
    endpoint: Endpoint,
    call: () => Promise<Answer>,
    outcomeOf: (answer: Answer) => string,
  ): Promise<{ readonly answer: Answer | undefined; readonly request: TimedRequest }> {
    const sentAt = Date.now();
    const begin = performance.now();
    let answer: Answer | undefined;
    let outcome: string;
    const recorder = this.recorderOf(endpoint);
    try {
      answer = await call();
      outcome = outcomeOf(answer);
    } catch (error) {
      outcome = 'error';
      recorder.noteError(error);
    }
    const end = performance.now();
    recorder.record(outcome, begin, end);
    this.latencies.get(endpoint)?.push(end - begin);
    const request = { sentAt, answeredAt: sentAt + Math.round(end - begin), outcome };
    const second = this.secondOf(sentAt);
    second.requests += 1;
    if (endpoint === endpoints.post) second.posts += 1;
    if (endpoint === endpoints.seatMap) second.seatMapReads += 1;
    if (outcome === 'error' || outcome.startsWith('5')) {
      second.serverErrors += 1;
      this.failed.push({ endpoint, outcome, sentAt });
    }
    return { answer, request };
  }

  won(post: GrantedPost): void {
    this.granted.push(post);
    const second = this.secondOf(post.answeredAt);
    second.created += 1;
    second.seatsGranted += post.seatIds.length;
  }

  refusedPost(post: RefusedPost): void {
    this.refused.push(post);
    this.secondOf(post.answeredAt).refused += 1;
  }

  cancelledReservation(reservationId: string, answeredAt: number, seats: number): void {
    this.cancelled.push({ reservationId, answeredAt, seats });
    this.secondOf(answeredAt).seatsCancelled += seats;
  }

  perSecond(): SaleSecond[] {
    return Array.from({ length: this.seconds.length }, (_, index) => this.seconds[index] ?? emptySecond());
  }

  calls(): Record<string, RecordedCalls> {
    return Object.fromEntries([...this.recorders].map(([endpoint, recorder]) => [endpoint, recorder.result()]));
  }

  latencySummaries(): Record<string, LatencySummary> {
    return Object.fromEntries([...this.latencies].map(([endpoint, samples]) => [endpoint, summariseLatencies(samples)]));
  }

  private recorderOf(endpoint: Endpoint): OutcomeRecorder {
    let recorder = this.recorders.get(endpoint);
    if (!recorder) {
      recorder = new OutcomeRecorder();
      this.recorders.set(endpoint, recorder);
      this.latencies.set(endpoint, []);
    }
    return recorder;
  }

  private secondOf(at: number): MutableSecond {
    const index = Math.max(0, Math.floor((at - this.startedAt) / 1000));
    for (let missing = this.seconds.length; missing <= index; missing += 1) this.seconds.push(emptySecond());
    return this.seconds[index] as MutableSecond;
  }
}

function emptySecond(): MutableSecond {
  return { posts: 0, created: 0, refused: 0, seatsGranted: 0, seatsCancelled: 0, seatMapReads: 0, serverErrors: 0, requests: 0 };
}
