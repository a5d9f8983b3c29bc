/**
 * The load generator: one scenario per process, so the load never shares a CPU-time slice or an
 * event loop with the CLI's bookkeeping. The benchmark CLI spawns it with `node --import tsx`,
 * writes `{ plan, hardLimitMs }` as JSON to its stdin, and reads exactly one JSON line (the
 * ScenarioResult) from its stdout. Diagnostics go to stderr. It exits by itself after `hardLimitMs`
 * whatever happens.
 */
import { runRedisCeiling } from './ceilings/redis-evalsha.ceiling';
import { runContendedHolds } from './scenarios/contended-holds.scenario';
import { runHoldLifecycle } from './scenarios/hold-lifecycle.scenario';
import { runHoldsVersusCeiling } from './scenarios/holds-vs-ceiling.scenario';
import type { ScenarioPlan, ScenarioResult } from './scenarios/scenario-plan';
import { runSeatMap } from './scenarios/seat-map.scenario';

/** What the CLI sends on stdin. */
export interface LoadGeneratorInput {
  readonly plan: ScenarioPlan;
  /** The process exits with status 2 after this long, finished or not. */
  readonly hardLimitMs: number;
}

function runScenario(plan: ScenarioPlan): Promise<ScenarioResult> {
  switch (plan.scenario) {
    case 'holds-vs-ceiling':
      return runHoldsVersusCeiling(plan);
    case 'contended-holds':
      return runContendedHolds(plan);
    case 'hold-lifecycle':
      return runHoldLifecycle(plan);
    case 'seat-map':
      return runSeatMap(plan);
    case 'redis-ceiling':
      return runRedisCeiling(plan);
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(): Promise<void> {
  const input = JSON.parse(await readStdin()) as LoadGeneratorInput;
  setTimeout(() => {
    process.stderr.write(`load generator: ${input.plan.scenario} exceeded ${input.hardLimitMs} ms; giving up\n`);
    process.exit(2);
  }, input.hardLimitMs).unref();
  const result = await runScenario(input.plan);
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(result)}\n`, () => resolve()));
}

main().then(
  // Open sockets (gRPC channels closing, SDK keep-alive) must not keep a finished generator alive.
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`load generator failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
