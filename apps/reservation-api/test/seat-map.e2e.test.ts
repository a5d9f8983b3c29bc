import { randomUUID } from 'node:crypto';
import { waitFor } from '@ticketing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startReservationStack, type ReservationStack } from './support/reservation-stack';

/*
 * Seat maps for many watchers (the inventory and the API as processes): conditional GETs answered
 * 304 while nothing changed, per-section counts, and the Server-Sent Events stream — a snapshot,
 * then the changes, resumable with Last-Event-ID.
 */
const eventId = 'evt_watch';

interface StreamEvent {
  readonly id: string;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** An open SSE response, read event by event (heartbeat comments skipped). */
async function openStream(url: string, headers: Record<string, string>) {
  const abort = new AbortController();
  const response = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  const next = async (): Promise<StreamEvent> => {
    for (;;) {
      const end = buffered.indexOf('\n\n');
      if (end >= 0) {
        const block = buffered.slice(0, end);
        buffered = buffered.slice(end + 2);
        const fields = new Map<string, string>();
        for (const line of block.split('\n')) {
          if (line.startsWith(':') || !line.includes(':')) continue;
          const colon = line.indexOf(':');
          fields.set(line.slice(0, colon), (fields.get(line.slice(0, colon)) ?? '') + line.slice(colon + 1).replace(/^ /, ''));
        }
        if (!fields.has('data')) continue;
        return { id: fields.get('id') ?? '', event: fields.get('event') ?? 'message', data: JSON.parse(fields.get('data')!) as Record<string, unknown> };
      }
      const { value, done } = await reader.read();
      if (done) throw new Error('the stream ended');
      buffered += decoder.decode(value, { stream: true });
    }
  };
  return { response, next, close: () => abort.abort() };
}

describe('seat maps for watchers', () => {
  let stack: ReservationStack;
  const seatsUrl = () => `${stack.base}/v1/events/${eventId}/seats`;
  const auth = () => ({ authorization: `Bearer ${stack.token('watcher')}` });
  const hold = async (sub: string, seatIds: string[]) => {
    const response = await fetch(`${stack.base}/v1/reservations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.token(sub)}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ event_id: eventId, seat_ids: seatIds }),
    });
    expect(response.status).toBe(201);
  };
  const changedSeats = (event: StreamEvent) => event.data['seats'] as { seat_id: string; status: string }[];

  beforeAll(async () => {
    stack = await startReservationStack({
      eventId,
      sections: [
        { sectionId: 'A', rows: 1, seatsPerRow: 10, priceMinor: 5_000 },
        { sectionId: 'B', rows: 1, seatsPerRow: 5, priceMinor: 3_000 },
      ],
      apiEnv: { SEAT_MAP_WATCH_INTERVAL_MS: '200' },
    });
  });
  afterAll(async () => {
    await stack?.stop();
  });

  it('counts every section, tags the map, and answers 304 to its tag until a seat changes', async () => {
    const first = await fetch(seatsUrl(), { headers: auth() });
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, max-age=1');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^W\/".+"$/);
    const map = (await first.json()) as { sections: unknown[] };
    expect(map.sections).toEqual([
      { section_id: 'A', available: 10, held: 0, sold: 0, blocked: 0, total: 10 },
      { section_id: 'B', available: 5, held: 0, sold: 0, blocked: 0, total: 5 },
    ]);

    const unchanged = await fetch(seatsUrl(), { headers: { ...auth(), 'if-none-match': etag } });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);

    await hold('buyer-1', ['A-A1', 'A-A2']);
    let changed: Response | undefined;
    await waitFor(
      async () => {
        changed = await fetch(seatsUrl(), { headers: { ...auth(), 'if-none-match': etag } });
        return changed.status === 200;
      },
      { description: 'the map to change (it is reused for up to a second)' },
    );
    expect(changed!.headers.get('etag')).not.toBe(etag);
    expect(((await changed!.json()) as { sections: unknown[] }).sections[0]).toEqual({
      section_id: 'A',
      available: 8,
      held: 2,
      sold: 0,
      blocked: 0,
      total: 10,
    });
  });

  it('streams a snapshot, then each change, and resumes after Last-Event-ID without a new snapshot', async () => {
    const stream = await openStream(`${seatsUrl()}/stream`, auth());
    expect(stream.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const snapshot = await stream.next();
    expect(snapshot.event).toBe('snapshot');
    expect((snapshot.data['seats'] as unknown[]).length).toBe(15);

    await hold('buyer-2', ['A-A5']);
    const change = await stream.next();
    expect(change.event).toBe('seats');
    expect(changedSeats(change)).toEqual([{ seat_id: 'A-A5', status: 'HELD' }]);
    expect(Number(change.id)).toBeGreaterThan(Number(snapshot.id));
    stream.close();

    await hold('buyer-3', ['B-A1']);
    const resumed = await openStream(`${seatsUrl()}/stream`, { ...auth(), 'last-event-id': change.id });
    const next = await resumed.next();
    expect(next.event).toBe('seats');
    expect(changedSeats(next)).toEqual([{ seat_id: 'B-A1', status: 'HELD' }]);
    expect(Number(next.id)).toBeGreaterThan(Number(change.id));
    resumed.close();
  });

  it('starts with a snapshot when it no longer knows the Last-Event-ID', async () => {
    const stream = await openStream(`${seatsUrl()}/stream`, { ...auth(), 'last-event-id': '12' });
    expect((await stream.next()).event).toBe('snapshot');
    stream.close();
  });

  it('answers an unknown event with 404 EVENT_NOT_FOUND, not a stream; and no token with 401', async () => {
    const unknown = await fetch(`${stack.base}/v1/events/evt_nope/seats/stream`, { headers: { ...auth(), accept: 'text/event-stream' } });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('EVENT_NOT_FOUND');
    const anonymous = await fetch(`${seatsUrl()}/stream`, { headers: { accept: 'text/event-stream' } });
    expect(anonymous.status).toBe(401);
  });
});
