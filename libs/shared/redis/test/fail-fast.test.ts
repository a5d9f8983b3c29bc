import { describe, expect, it } from 'vitest';
import { createRedisClient } from '../src/redis-client.factory';
import { closedPort } from './support/closed-port';

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
