import { describe, expect, it } from 'vitest';
import { waitFor, WaitForTimeoutError } from './wait-for';

describe('waitFor', () => {
  it('returns the first value the probe produces', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? { calls } : undefined), { description: 'three calls', intervalMs: 1 });
    expect(value).toEqual({ calls: 3 });
  });

  it('treats a throwing probe as not yet', async () => {
    let calls = 0;
    const value = await waitFor(
      () => {
        if (++calls < 2) throw new Error('table is still CREATING');
        return 'ready';
      },
      { description: 'the table', intervalMs: 1 },
    );
    expect(value).toBe('ready');
  });

  it('times out naming what it waited for, with the last error as cause', async () => {
    const failure = await waitFor(
      () => {
        throw new Error('queue does not exist');
      },
      { description: 'the expired event', timeoutMs: 50, intervalMs: 5 },
    ).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WaitForTimeoutError);
    expect((failure as Error).message).toContain('the expired event');
    expect((failure as Error).cause).toEqual(new Error('queue does not exist'));
  });

  it('keeps polling on false and null', async () => {
    await expect(waitFor(() => false, { description: 'never', timeoutMs: 30, intervalMs: 5 })).rejects.toThrow(
      WaitForTimeoutError,
    );
    await expect(waitFor(() => null, { description: 'never', timeoutMs: 30, intervalMs: 5 })).rejects.toThrow('never');
  });
});
