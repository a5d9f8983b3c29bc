import { summariseLatencies, type LatencySummary } from '../../shared/load/latency-summary';
import type { GrantedPost, RecordedChange } from '../scenarios/onsale-scenario-plan';

/** How long after a 201 the watchers heard of its seats. */
export interface StreamDelivery {
  readonly method: string;
  readonly sampledWatchers: number;
  /**
   * 201s looked at, and those whose seat no `seats` event named as HELD afterwards: it passed from
   * one hold to the next (a cancel, then this hold) between two readings, so the map never changed.
   */
  readonly holds: number;
  readonly notSeenByRecorder: number;
  /** (201, sampled watcher) pairs timed, and pairs whose watcher lacks the event. */
  readonly deliveries: number;
  readonly missing: number;
  readonly delayMs: LatencySummary;
}

export const streamDeliveryMethod =
  'per 201 (its first seat): the first `seats` event naming that seat as HELD that the recorder received after the POST was ' +
  'sent; per sampled watcher, when that event (by id) reached it minus when the 201 reached the buyer (0 when the watcher ' +
  'heard first: the inventory holds the seats before the API answers). Includes the feed\'s reading interval ' +
  '(SEAT_MAP_WATCH_INTERVAL_MS, 500 ms) and the wait of the watchers\' process.';

/** Delivery delay of the seat stream from the buyers' 201s and the sampled watchers' arrival times. */
export function streamDelivery(
  granted: readonly GrantedPost[],
  changes: readonly RecordedChange[],
  sampledArrivals: readonly Readonly<Record<string, number>>[],
): StreamDelivery {
  const heldIn = new Map<string, RecordedChange[]>();
  for (const change of changes) {
    for (const [seatId, status] of change.seats) {
      if (status !== 'HELD') continue;
      const list = heldIn.get(seatId);
      if (list) list.push(change);
      else heldIn.set(seatId, [change]);
    }
  }
  const delays: number[] = [];
  let notSeenByRecorder = 0;
  let missing = 0;
  for (const post of granted) {
    const seatId = post.seatIds[0];
    const change = (seatId === undefined ? undefined : heldIn.get(seatId))?.find((candidate) => candidate.receivedAt >= post.sentAt);
    if (!change) {
      notSeenByRecorder += 1;
      continue;
    }
    for (const arrivals of sampledArrivals) {
      const arrivedAt = arrivals[String(change.version)];
      if (arrivedAt === undefined) missing += 1;
      else delays.push(Math.max(0, arrivedAt - post.answeredAt));
    }
  }
  return {
    method: streamDeliveryMethod,
    sampledWatchers: sampledArrivals.length,
    holds: granted.length,
    notSeenByRecorder,
    deliveries: delays.length,
    missing,
    delayMs: summariseLatencies(delays),
  };
}
