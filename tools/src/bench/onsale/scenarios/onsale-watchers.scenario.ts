import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { mintDevToken } from '../../../dev-token';
import type { OnSaleScenarioPlan, OnSaleScenarioResult, RecordedChange, SnapshotSeat } from './onsale-scenario-plan';
import { EventStreamParser, openEventStream, type OpenStream, type StreamEvent } from './seat-stream-client';

type Plan = Extract<OnSaleScenarioPlan, { scenario: 'onsale-watchers' }>;

const connectTimeoutMs = 15_000;
const stopPollMs = 100;
/** After the last request is on the wire, this long (plus 1 ms per watcher) before the sale may start. */
const settleMs = 1_000;

/** The `snapshot` event's data, as far as the recorder reads it. */
interface SnapshotData {
  readonly seats: readonly { readonly seat_id: string; readonly section_id: string; readonly row_id: string; readonly number: number; readonly status: string }[];
  readonly as_of: string;
}

/** A `seats` event's data. */
interface ChangesData {
  readonly version: number;
  readonly seats: readonly { readonly seat_id: string; readonly status: string }[];
  readonly sections: readonly { readonly available: number }[];
  readonly as_of: string;
}

/** One watcher: what it counted, and (sampled) when each event arrived. */
interface Watcher {
  readonly parser: EventStreamParser;
  readonly arrivals: Record<string, number> | undefined;
  stream: OpenStream | undefined;
  seatEvents: number;
  snapshots: number;
  bytes: number;
}

/**
 * The seat-map watchers of the on-sale (see the plan). Events are counted per watcher as they
 * arrive; only the recorder parses their data (a thousand watchers parsing the same JSON would
 * make the generator, not the API, the bottleneck).
 */
export async function runOnSaleWatchers(plan: Plan): Promise<OnSaleScenarioResult> {
  const url = new URL(`/v1/events/${encodeURIComponent(plan.eventId)}/seats/stream`, plan.target.baseUrl);
  const token = (index: number) =>
    mintDevToken({
      secret: plan.target.jwtSecret,
      issuer: plan.target.issuer,
      audience: plan.target.audience,
      subject: `bench-watch-${index}`,
      ttlSeconds: 3_600,
    });
  const watchers: Watcher[] = Array.from({ length: plan.watchers }, (_, index) => ({
    parser: new EventStreamParser(),
    arrivals: index < plan.sampled ? {} : undefined,
    stream: undefined,
    seatEvents: 0,
    snapshots: 0,
    bytes: 0,
  }));
  const changes: RecordedChange[] = [];
  let snapshot: { version: number; asOf: number; seats: SnapshotSeat[] } | undefined;
  const connectErrors: string[] = [];
  let failedToConnect = 0;
  const stopAt = Date.now() + plan.maxDurationMs;

  const onEvent = (watcher: Watcher, recorder: boolean) => (event: StreamEvent) => {
    const receivedAt = Date.now();
    if (event.event === 'snapshot') {
      watcher.snapshots += 1;
      if (recorder && !snapshot) {
        const map = JSON.parse(event.data) as SnapshotData;
        snapshot = {
          version: Number(event.id),
          asOf: Date.parse(map.as_of),
          seats: map.seats.map((seat) => [seat.seat_id, seat.section_id, seat.row_id, seat.number, seat.status] as const),
        };
      }
      return;
    }
    if (event.event !== 'seats') return;
    watcher.seatEvents += 1;
    if (watcher.arrivals) watcher.arrivals[event.id] = receivedAt;
    if (recorder) {
      const data = JSON.parse(event.data) as ChangesData;
      changes.push({
        version: data.version,
        asOf: Date.parse(data.as_of),
        receivedAt,
        seats: data.seats.map((seat) => [seat.seat_id, seat.status] as const),
        available: data.sections.reduce((sum, section) => sum + section.available, 0),
      });
    }
  };

  const connect = async (index: number, lastEventId: string | undefined) => {
    const watcher = watchers[index] as Watcher;
    const handle = onEvent(watcher, index === 0);
    try {
      watcher.stream = await openEventStream(
        url,
        { authorization: `Bearer ${token(index)}`, ...(lastEventId === undefined ? {} : { 'last-event-id': lastEventId }) },
        (chunk, bytes) => {
          watcher.bytes += bytes;
          watcher.parser.feed(chunk, handle);
        },
        connectTimeoutMs,
      );
    } catch (error) {
      failedToConnect += 1;
      if (connectErrors.length < 5) connectErrors.push(error instanceof Error ? error.message : String(error));
    }
  };

  try {
    await connect(0, undefined);
    while (!snapshot && Date.now() < stopAt && watchers[0]?.stream && !watchers[0].stream.ended() && !watchers[0].stream.failure()) await sleep(20);
    if (!snapshot) throw new Error(`the recorder got no snapshot: ${connectErrors.join('; ') || watchers[0]?.stream?.failure() || 'stream ended or timed out'}`);
    const resumeFrom = String(snapshot.version);
    let next = 1;
    await Promise.all(
      Array.from({ length: Math.min(plan.connectConcurrency, plan.watchers) }, async () => {
        for (let index = next++; index < plan.watchers; index = next++) await connect(index, resumeFrom);
      }),
    );
    // The server answers a resuming watcher with its first event; give it a moment to register them all.
    await sleep(settleMs + plan.watchers);
    await writeFile(plan.readyFile, JSON.stringify({ requested: watchers.filter((watcher) => watcher.stream).length, failedToConnect }));
    while (!existsSync(plan.stopFile) && Date.now() < stopAt) await sleep(stopPollMs);

    const droppedEarly = watchers.filter((watcher) => watcher.stream?.ended()).length;
    for (const watcher of watchers) watcher.stream?.close();
    const refused = watchers.filter((watcher) => watcher.stream?.failure() !== undefined);
    for (const watcher of refused) if (connectErrors.length < 5) connectErrors.push(watcher.stream?.failure() ?? '');
    const live = watchers.filter((watcher) => watcher.stream?.answered());
    const counts = live.map((watcher) => watcher.seatEvents);
    return {
      scenario: 'onsale-watchers',
      connected: live.length,
      failedToConnect: failedToConnect + refused.length,
      neverAnswered: watchers.filter((watcher) => watcher.stream && !watcher.stream.answered() && watcher.stream.failure() === undefined).length,
      connectErrors,
      droppedEarly,
      extraSnapshots: live.reduce((sum, watcher) => sum + watcher.snapshots, 0) - 1,
      seatEvents: {
        total: counts.reduce((sum, count) => sum + count, 0),
        min: counts.length > 0 ? Math.min(...counts) : 0,
        max: counts.length > 0 ? Math.max(...counts) : 0,
      },
      bytesReceived: live.reduce((sum, watcher) => sum + watcher.bytes, 0),
      snapshot,
      changes,
      sampledArrivals: watchers.flatMap((watcher) => (watcher.arrivals && watcher.stream?.answered() ? [watcher.arrivals] : [])),
    };
  } finally {
    for (const watcher of watchers) watcher.stream?.close();
  }
}
