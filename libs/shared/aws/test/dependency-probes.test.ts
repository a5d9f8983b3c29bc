import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkQueueReachable, checkTableReachable, DependencyUnavailableError } from '../src/dependency-probes';
import { provisionedQueue, provisionedTable } from '../src/provisioned-resources';
import { type FreshResources, freshResources } from './support/fresh-resources';

describe('dependency probes', () => {
  let fresh: FreshResources;
  beforeAll(async () => {
    fresh = await freshResources({ only: { tables: ['processed-events'], queues: ['reservation-worker'] } });
  });
  afterAll(() => fresh.cleanup());

  it('pass for a provisioned table and queue', async () => {
    await expect(
      checkTableReachable(fresh.clients, provisionedTable(fresh.resources, 'processed-events').name),
    ).resolves.toBeUndefined();
    await expect(
      checkQueueReachable(fresh.clients, provisionedQueue(fresh.resources, 'reservation-worker').name),
    ).resolves.toBeUndefined();
  });

  it('fail with DependencyUnavailableError for a missing table or queue', async () => {
    await expect(checkTableReachable(fresh.clients, 'no-such-table')).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
    await expect(checkQueueReachable(fresh.clients, 'no-such-queue')).rejects.toThrow(/no-such-queue/);
  });
});
