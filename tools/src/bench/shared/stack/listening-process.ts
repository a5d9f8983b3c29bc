import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** TCP state code of a listening socket in /proc/net/tcp. */
const listenState = '0A';

/**
 * Pid of the process listening on TCP `port` (any local address), found through /proc: the socket's
 * inode in /proc/net/tcp{,6}, then the process holding a file descriptor on it. Undefined when
 * nothing listens there or the owner's descriptors cannot be read (another user's process).
 *
 * The benchmarks use it to sample the CPU of a stand-in that runs without a launch record of the
 * local-infra tool (started by hand, by an earlier checkout, or whose record was lost), so the
 * per-process CPU tables still name every backend.
 */
export function pidListeningOn(port: number): number | undefined {
  const inodes = new Set<string>();
  const portHex = port.toString(16).toUpperCase().padStart(4, '0');
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
      if (fields[3] === listenState && fields[1]?.endsWith(`:${portHex}`) && fields[9]) inodes.add(fields[9]);
    }
  }
  if (inodes.size === 0) return undefined;
  const wanted = new Set([...inodes].map((inode) => `socket:[${inode}]`));
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let descriptors: string[];
    try {
      descriptors = readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const descriptor of descriptors) {
      try {
        if (wanted.has(readlinkSync(`/proc/${entry}/fd/${descriptor}`))) return Number(entry);
      } catch {
        // closed meanwhile
      }
    }
  }
  return undefined;
}

/** The TCP port of an endpoint URL (`http://127.0.0.1:8000`, `redis://127.0.0.1:6379`); undefined without one. */
export function portOf(endpoint: string): number | undefined {
  try {
    const port = Number(new URL(endpoint).port);
    return Number.isInteger(port) && port > 0 ? port : undefined;
  } catch {
    return undefined;
  }
}
