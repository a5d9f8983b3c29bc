import { prepareDynamoDbCeiling } from '../ceilings/dynamodb-transaction.ceiling';
import { recordClosedLoop } from '../../shared/load/closed-loop';
import { OutcomeRecorder } from '../../shared/load/outcome-recorder';
import type { ScenarioPlan, ScenarioResult } from './scenario-plan';
import { prepareUncontendedHolds } from './uncontended-holds.scenario';

type Plan = Extract<ScenarioPlan, { scenario: 'holds-vs-ceiling' }>;

/**
 * Successful holds through the service against the bare DynamoDB ceiling, measured in alternating
 * windows (ceiling, holds, holds, ceiling, ceiling, holds, …) at the same concurrency. On a shared
 * box a neighbour's burst or DynamoDB Local's own drift then hits both sides alike, instead of
 * whichever happened to run second. Each side's windows add up to one result; every window's rate
 * is reported too.
 */
export async function runHoldsVersusCeiling(plan: Plan): Promise<ScenarioResult> {
  const { target, event, seatsPerHold, keepHolds } = plan;
  const holds = prepareUncontendedHolds({ target, event, seatsPerHold, keepHolds });
  const ceiling = await prepareDynamoDbCeiling({
    aws: plan.aws,
    tables: plan.tables,
    seatsPerHold: plan.seatsPerHold,
    concurrency: plan.window.concurrency,
  });
  const totals = { holds: new OutcomeRecorder(), ceiling: new OutcomeRecorder() };
  const windows: { round: number; side: 'holds' | 'ceiling'; perSecond: number }[] = [];
  try {
    for (let round = 1; round <= plan.rounds; round += 1) {
      const order = round % 2 === 1 ? (['ceiling', 'holds'] as const) : (['holds', 'ceiling'] as const);
      for (const side of order) {
        const recorder = await recordClosedLoop({
          ...plan.window,
          // The first window of each side also warms its client, the service and their connections.
          warmupMs: round === 1 ? plan.firstWarmupMs : plan.window.warmupMs,
          operation: side === 'holds' ? holds.operation : ceiling.operation,
        });
        const window = recorder.result();
        const success = side === 'holds' ? 'held' : 'ok';
        windows.push({ round, side, perSecond: window.outcomes[success]?.perSecond ?? 0 });
        totals[side].absorb(recorder);
      }
    }
    return {
      scenario: 'holds-vs-ceiling',
      holds: totals.holds.result(),
      ceiling: totals.ceiling.result(),
      windows,
      kept: [...holds.kept],
      seatsLeft: holds.seatsLeft(),
    };
  } finally {
    holds.close();
    ceiling.close();
  }
}
