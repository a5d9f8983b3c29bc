/**
 * Runs `work` for every item with at most `concurrency` calls in flight, and resolves once all
 * have finished. Fail-fast: after the first failure no new item is started; the calls already in
 * flight are awaited (so nothing keeps writing behind the caller's back) and the first error is
 * rethrown.
 *
 * @example
 * await forEachConcurrently(batches, 8, (batch) => writeBatch(batch));
 */
export async function forEachConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async (): Promise<void> => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  const workers = Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, worker);
  await Promise.all(workers);
  if (failure !== undefined) throw failure.error;
}

/** Like {@link forEachConcurrently}, collecting each call's result in input order. */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  await forEachConcurrently(items, concurrency, async (item, index) => {
    results[index] = await work(item, index);
  });
  return results;
}
