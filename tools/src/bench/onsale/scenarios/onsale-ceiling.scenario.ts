import { performance } from 'node:perf_hooks';
import { prepareDynamoDbCeiling, type DynamoDbCeiling } from '../../inventory/ceilings/dynamodb-transaction.ceiling';
import { exhausted, runClosedLoop } from '../../shared/load/closed-loop';
import type { OnSaleScenarioPlan, OnSaleScenarioResult } from './onsale-scenario-plan';

type Plan = Extract<OnSaleScenarioPlan, { scenario: 'onsale-ceiling' }>;

/**
 * What the sale's holds cost DynamoDB Local alone: the inventory benchmark's bare ceiling (a
 * hold-shaped TransactWriteItems straight from the SDK, each virtual client on seats of its own)
 * for exactly the holds the sale granted until it sold out, with the same seat counts in the same
 * order, `concurrency` in flight. A warm-up of `warmupMs` first (connections, DynamoDB Local's JIT);
 * then the time from the first write to the last is the ceiling's time for that many holds.
 */
export async function runOnSaleCeiling(plan: Plan): Promise<OnSaleScenarioResult> {
  const sizes = [...new Set(plan.holdSizes)].sort((a, b) => a - b);
  const ceilings = new Map<number, DynamoDbCeiling>();
  try {
    for (const size of sizes) {
      // Every size seeds the same seats per client (its first `size` of them): a client writes one hold at a time.
      ceilings.set(size, await prepareDynamoDbCeiling({ aws: plan.aws, tables: plan.tables, seatsPerHold: size, concurrency: plan.concurrency }));
    }
    const write = (size: number, worker: number) => (ceilings.get(size) as DynamoDbCeiling).operation(worker);
    const commonest = sizes.reduce((best, size) => (count(plan.holdSizes, size) > count(plan.holdSizes, best) ? size : best), sizes[0] ?? 2);
    if (plan.warmupMs > 0 && sizes.length > 0) {
      await runClosedLoop({ concurrency: plan.concurrency, warmupMs: plan.warmupMs, durationMs: 0, operation: (worker) => write(commonest, worker) });
    }
    let next = 0;
    const started = performance.now();
    const run = await runClosedLoop({
      concurrency: plan.concurrency,
      warmupMs: 0,
      durationMs: 600_000,
      operation: async (worker) => {
        const size = plan.holdSizes[next++];
        return size === undefined ? exhausted : write(size, worker);
      },
    });
    return { scenario: 'onsale-ceiling', run, elapsedMs: Math.round(performance.now() - started), holds: plan.holdSizes.length };
  } finally {
    for (const ceiling of ceilings.values()) ceiling.close();
  }
}

function count(values: readonly number[], value: number): number {
  return values.filter((candidate) => candidate === value).length;
}
