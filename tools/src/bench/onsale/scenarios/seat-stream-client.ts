import { request, type ClientRequest, type OutgoingHttpHeaders } from 'node:http';

/** One Server-Sent Event: its type, id and data (the data lines joined). */
export interface StreamEvent {
  readonly event: string;
  readonly id: string;
  readonly data: string;
}

/**
 * Splits a `text/event-stream` into events as chunks arrive: blocks end with a blank line, `event:`,
 * `id:` and `data:` fields are read, comments (heartbeats) and blocks without data are skipped.
 */
export class EventStreamParser {
  private buffer = '';

  feed(chunk: string, onEvent: (event: StreamEvent) => void): void {
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end >= 0; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      let event = 'message';
      let id = '';
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line === '' || line.startsWith(':')) continue;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') event = value;
        else if (field === 'id') id = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length > 0) onEvent({ event, id, data: data.join('\n') });
    }
  }
}

/** A stream being watched: stop it with `close()`. */
export interface OpenStream {
  close(): void;
  /** The server answered 200 (its headers arrived: with the first event, the stream flushes nothing before). */
  readonly answered: () => boolean;
  /** Why it failed (another status, a network error), or undefined. */
  readonly failure: () => string | undefined;
  /** The server or the network ended it. */
  readonly ended: () => boolean;
}

/**
 * GET `url` as an event stream on a connection of its own (no pool: each watcher is one browser).
 * Resolves once the request is on the wire (its connection is open and the request written);
 * rejects when the connection fails or does not open within `connectTimeoutMs`. The answer comes
 * later: the seat stream sends its headers with its first event, so a watcher that resumes with
 * nothing missed hears nothing until the next change. Every chunk then goes to `onChunk` with its
 * size in bytes; any status but 200 is a `failure()`.
 */
export function openEventStream(
  url: URL,
  headers: OutgoingHttpHeaders,
  onChunk: (chunk: string, bytes: number) => void,
  connectTimeoutMs: number,
): Promise<OpenStream> {
  return new Promise((resolve, reject) => {
    let ended = false;
    let answered = false;
    let failure: string | undefined;
    const outgoing: ClientRequest = request(
      { host: url.hostname, port: url.port, path: `${url.pathname}${url.search}`, method: 'GET', agent: false, headers: { accept: 'text/event-stream', ...headers } },
      (response) => {
        if (response.statusCode !== 200) {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.once('end', () => (failure = `answered ${response.statusCode}: ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`));
          return;
        }
        answered = true;
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => onChunk(chunk, Buffer.byteLength(chunk)));
        response.once('end', () => (ended = true));
        response.on('error', () => (ended = true));
      },
    );
    const stream: OpenStream = {
      close: () => {
        ended = true;
        outgoing.destroy();
      },
      answered: () => answered,
      failure: () => failure,
      ended: () => ended,
    };
    const timer = setTimeout(() => outgoing.destroy(new Error(`no connection within ${connectTimeoutMs} ms`)), connectTimeoutMs);
    outgoing.on('error', (error) => {
      clearTimeout(timer);
      if (!ended) failure ??= error.message;
      ended = true;
      reject(error);
    });
    outgoing.once('socket', (socket) => {
      const written = () => {
        clearTimeout(timer);
        resolve(stream);
      };
      if (socket.connecting) socket.once('connect', written);
      else written();
    });
    outgoing.end();
  });
}
