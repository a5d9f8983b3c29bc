import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

/** Where to look for a free port, and which companion ports must be free with it. */
export interface FreePortOptions {
  /** Address the port will be bound on (default 127.0.0.1). */
  readonly host?: string;
  /**
   * Offsets of ports that must be free too, e.g. `[10_000]` for a Redis Cluster node, which also
   * listens on its port + 10000 (the cluster bus).
   */
  readonly companionOffsets?: readonly number[];
  /** Ports not to return (already promised to something else, e.g. the other nodes of a cluster). */
  readonly exclude?: ReadonlySet<number>;
}

const lowestCandidate = 10_000;

/**
 * A port (and its companions) that nothing listens on right now, picked at random BELOW the
 * kernel's ephemeral range. Not port 0: a server stopped and started again on an ephemeral port
 * can find it taken meanwhile by an outgoing connection's local port, and a client reconnecting
 * to a stopped server on an ephemeral port can even connect to itself (TCP simultaneous open).
 *
 * Free means "free when checked": another process may still take it before the caller binds it,
 * so callers retry with a new port when their bind fails.
 */
export async function findFreePort(options: FreePortOptions = {}): Promise<number> {
  const host = options.host ?? '127.0.0.1';
  const offsets = options.companionOffsets ?? [];
  const ceiling = (await ephemeralRangeStart()) - Math.max(0, ...offsets);
  const floor = ceiling - lowestCandidate > 1_000 ? lowestCandidate : 1_024;
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const port = floor + Math.floor(Math.random() * (ceiling - floor));
    const ports = [port, ...offsets.map((offset) => port + offset)];
    if (ports.some((candidate) => options.exclude?.has(candidate))) continue;
    if ((await Promise.all(ports.map((candidate) => isPortFree(host, candidate)))).every(Boolean)) return port;
  }
  throw new Error(`no free port (with companions at +${offsets.join(', +')}) found on ${host} below ${ceiling}`);
}

/**
 * True when nothing listens on `host:port`. Binds rather than connects, so listeners on the
 * wildcard address count too; the kernel refuses the bind while anyone listens.
 */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') resolve(false);
      else reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** First port of the ephemeral range (Linux: /proc; elsewhere the IANA default). */
async function ephemeralRangeStart(): Promise<number> {
  try {
    const [low] = (await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')).trim().split(/\s+/).map(Number);
    return low !== undefined && Number.isInteger(low) && low > 2_048 ? low : 49_152;
  } catch {
    return 49_152;
  }
}
