import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createRedisClient } from '../src/redis-client.factory';

/** A loopback port nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

describe('a client whose Redis is down', () => {
  it('rejects commands at once instead of queueing them', async () => {
    const client = createRedisClient({ mode: 'standalone', url: `redis://127.0.0.1:${await closedPort()}` });
    const errors: Error[] = [];
    client.on('error', (error: Error) => errors.push(error));
    try {
      await expect(client.get('any')).rejects.toThrow(/enableOfflineQueue/);
    } finally {
      client.disconnect();
    }
  });
});
