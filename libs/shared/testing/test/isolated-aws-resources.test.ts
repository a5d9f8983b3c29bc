import { createAwsClients, findExistingResources, provisionedTable } from '@ticketing/aws';
import { resourceDefinitions } from '@ticketing/resources';
import { describe, expect, it } from 'vitest';
import { createIsolatedAwsResources } from '../src/isolated-aws-resources';
import { localStandIns } from '../src/stand-ins';
import { waitFor } from '../src/wait-for';

describe('createIsolatedAwsResources', () => {
  it('gives two calls different prefixes, each naming all of its resources', async () => {
    const [first, second] = await Promise.all([
      createIsolatedAwsResources({ only: { tables: ['orders'] } }),
      createIsolatedAwsResources({ only: { tables: ['orders'] } }),
    ]);
    try {
      expect(first.prefix).toMatch(/^t-[0-9a-f]{8}-$/);
      expect(second.prefix).not.toBe(first.prefix);
      expect(provisionedTable(first.resources, 'orders').name).toBe(`${first.prefix}orders`);
      expect(provisionedTable(second.resources, 'orders').name).toBe(`${second.prefix}orders`);
    } finally {
      await Promise.all([first.cleanup(), second.cleanup()]);
    }
  });

  it('provisions everything by default, and cleanup deletes every table, queue, bus and rule', async () => {
    const isolated = await createIsolatedAwsResources();
    const { resources, clients } = isolated;
    expect(Object.keys(resources.tables)).toHaveLength(resourceDefinitions.tables.length);
    expect(Object.keys(resources.queues)).toHaveLength(resourceDefinitions.queues.length);
    expect(Object.keys(resources.rules)).toHaveLength(resourceDefinitions.rules.length);
    const before = await findExistingResources(clients, resources);
    expect(before.tables).toHaveLength(resourceDefinitions.tables.length);
    expect(before.queues).toHaveLength(resourceDefinitions.queues.length);

    // Keep the clients open past cleanup (which closes its own) to look at what is left.
    const observer = createAwsClients(localStandIns.aws);
    try {
      await isolated.cleanup();
      await isolated.cleanup();

      const empty = { tables: [], queues: [], eventBuses: [], rules: [] };
      const left = await waitFor(
        async () => {
          const existing = await findExistingResources(observer, resources);
          return JSON.stringify(existing) === JSON.stringify(empty) ? existing : undefined;
        },
        { description: `the resources of ${isolated.prefix} to be gone` },
      );
      expect(left).toEqual(empty);
    } finally {
      observer.destroy();
    }
  });
});
