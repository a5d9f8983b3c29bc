import { connect } from 'node:net';

/** A RESP reply as far as readiness checks need: simple/bulk strings, integers, nil, or a server error. */
export type RedisReply = string | number | null | RedisErrorReply;

/** `-ERR …` from the server, returned (not thrown) so callers can tell "answered no" from "did not answer". */
export class RedisErrorReply {
  constructor(readonly message: string) {}
}

/**
 * Sends one command over a fresh TCP connection and returns the reply.
 *
 * Hand-rolled RESP instead of a client library: the tools project may not import ioredis (module
 * boundaries), and `PING` / `CLUSTER INFO` need only the scalar reply types. Rejects on connection
 * errors, timeouts and array replies.
 */
export function sendRedisCommand(
  host: string,
  port: number,
  args: readonly string[],
  timeoutMs = 2000,
): Promise<RedisReply> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    let buffered = Buffer.alloc(0);
    const finish = (outcome: () => void): void => {
      socket.destroy();
      outcome();
    };
    socket.setTimeout(timeoutMs, () => finish(() => reject(new Error(`redis ${host}:${port} did not reply within ${timeoutMs} ms`))));
    socket.once('error', (error) => finish(() => reject(error)));
    socket.once('connect', () => socket.write(encodeCommand(args)));
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      try {
        const reply = decodeReply(buffered);
        if (reply !== incomplete) finish(() => resolve(reply));
      } catch (error) {
        finish(() => reject(error));
      }
    });
    socket.once('end', () => finish(() => reject(new Error(`redis ${host}:${port} closed the connection`))));
  });
}

function encodeCommand(args: readonly string[]): string {
  return `*${args.length}\r\n${args.map((arg) => `$${Buffer.byteLength(arg)}\r\n${arg}\r\n`).join('')}`;
}

const incomplete = Symbol('incomplete');

function decodeReply(buffer: Buffer): RedisReply | typeof incomplete {
  const lineEnd = buffer.indexOf('\r\n');
  if (lineEnd === -1) return incomplete;
  const type = String.fromCharCode(buffer[0] ?? 0);
  const line = buffer.toString('utf8', 1, lineEnd);
  switch (type) {
    case '+':
      return line;
    case '-':
      return new RedisErrorReply(line);
    case ':':
      return Number(line);
    case '$': {
      const length = Number(line);
      if (length === -1) return null;
      const start = lineEnd + 2;
      if (buffer.length < start + length + 2) return incomplete;
      return buffer.toString('utf8', start, start + length);
    }
    default:
      throw new Error(`unsupported RESP reply type "${type}"`);
  }
}
