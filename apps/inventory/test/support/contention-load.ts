import { setTimeout as sleep } from 'node:timers/promises';
import { ReleaseReason, type HoldSeatsRequest, type InventoryRpc } from '@ticketing/inventory-contract';
import { failureCode, heldResponses, recordCall, type FollowUp, type HoldRecord } from './hold-ledger';
import { uniqueHoldId } from './holds';

/** One gRPC channel to one of the inventory processes. */
export interface InventoryChannel {
  /** Index of the process it reaches. */
  readonly via: number;
  readonly rpc: InventoryRpc;
}

/** The shape of the load. */
export interface ContentionOptions {
  readonly eventId: string;
  /** Channels to spread calls over; a few are enough for hundreds of virtual clients. */
  readonly channels: readonly InventoryChannel[];
  /** Seat ids row by row (adjacent seats next to each other), with their section. */
  readonly rows: readonly { readonly sectionId: string; readonly seatIds: readonly string[] }[];
  readonly clients: number;
  readonly rounds: number;
  /** TTL of holds meant to run out; the service's HOLD_MIN_TTL_MS or more. */
  readonly shortTtlMs: number;
  /** No round starts after this instant (epoch ms), so the run is bounded whatever happens. */
  readonly deadline: number;
  /** Called as each round starts, before any of its calls (e.g. to schedule a Redis outage). */
  readonly onRoundStart?: (round: number) => void;
}

/** What the run did. */
export interface ContentionResult {
  readonly ledger: readonly HoldRecord[];
  readonly roundsRun: number;
}

/** Per call: generous, because a slow shared machine must not turn into failures; still bounded. */
const callDeadlineMs = 30_000;
/** Before its hold, a client thinks for up to this long, so rounds are contended but not lockstep. */
const maxThinkMs = 400;
/** How often a commit or release is tried when it keeps meeting INVENTORY_CONTENDED. */
const contendedAttempts = 3;
/** A late payment arrives this long after its hold ran out. */
const latePaymentMs = 250;

const followUps: readonly [FollowUp, number][] = [
  ['commit', 0.1],
  ['release', 0.3],
  ['expire', 0.2],
  ['late-commit', 0.05],
  ['retry', 0.2],
  ['concurrent-retry', 0.15],
];

/**
 * Runs `clients` virtual clients for `rounds` rounds. In each round every client, after a short
 * random pause, asks for 1–4 seats (adjacent in a row, scattered, or best-available), so the
 * requests overlap heavily on a small venue, and then follows up on a hold it got: commit, release,
 * let it expire, pay too late, or repeat the request with the same hold id. Rounds are separated
 * by a barrier so a caller can switch Redis off and on between well-defined stretches of load.
 *
 * Every call is recorded (see {@link HoldRecord}); nothing here asserts, the invariant checker does.
 */
export async function runContention(options: ContentionOptions): Promise<ContentionResult> {
  const ledger: HoldRecord[] = [];
  let roundsRun = 0;
  for (let round = 0; round < options.rounds && Date.now() < options.deadline; round += 1) {
    options.onRoundStart?.(round);
    await Promise.all(
      Array.from({ length: options.clients }, (_, client) => playRound(options, `user-${client}`, ledger)),
    );
    roundsRun += 1;
  }
  return { ledger, roundsRun };
}

async function playRound(options: ContentionOptions, userId: string, ledger: HoldRecord[]): Promise<void> {
  await sleep(Math.random() * maxThinkMs);
  const followUp = pickWeighted(followUps);
  const short = followUp === 'expire' || followUp === 'late-commit';
  const request: HoldSeatsRequest = {
    holdId: uniqueHoldId('c'),
    eventId: options.eventId,
    userId,
    selection: chooseSelection(options.rows),
    ttl: short ? { seconds: Math.floor(options.shortTtlMs / 1000), nanos: (options.shortTtlMs % 1000) * 1e6 } : undefined,
  };
  const record: HoldRecord = { holdId: request.holdId, request, followUp, holdCalls: [], commitCalls: [], releaseCalls: [] };
  ledger.push(record);

  const hold = async () => {
    const channel = pick(options.channels);
    const call = await recordCall(channel.via, async () => (await channel.rpc.holdSeats(request, { deadlineMs: callDeadlineMs })).hold!);
    record.holdCalls.push(call);
  };
  await (followUp === 'concurrent-retry' ? Promise.all([hold(), hold()]) : hold());
  const held = heldResponses(record)[0];
  if (!held) return;

  // Commit and release are retried on INVENTORY_CONTENDED (a transaction racing on the same seat
  // items), as a real caller retries a retryable code; every attempt is recorded.
  const commit = async (paymentReference: string) => {
    for (let attempt = 1; attempt <= contendedAttempts; attempt += 1) {
      const channel = pick(options.channels);
      const call = await recordCall(channel.via, async () =>
        (await channel.rpc.commitHold({ holdId: request.holdId, userId, paymentReference }, { deadlineMs: callDeadlineMs })).hold!,
      );
      record.commitCalls.push({ ...call, paymentReference });
      if (failureCode(call) !== 'INVENTORY_CONTENDED') return;
    }
  };
  const release = async () => {
    for (let attempt = 1; attempt <= contendedAttempts; attempt += 1) {
      const channel = pick(options.channels);
      const call = await recordCall(channel.via, async () =>
        (
          await channel.rpc.releaseHold(
            { holdId: request.holdId, userId, reason: ReleaseReason.USER_CANCELLED },
            { deadlineMs: callDeadlineMs },
          )
        ).hold!,
      );
      record.releaseCalls.push(call);
      if (failureCode(call) !== 'INVENTORY_CONTENDED') return;
    }
  };

  switch (followUp) {
    case 'commit':
      // The same payment twice, as a payment webhook delivered twice would: the second is a no-op.
      await commit(`pay_${request.holdId}`);
      await commit(`pay_${request.holdId}`);
      return;
    case 'late-commit':
      await sleep(Math.max(0, (held.expiresAt?.getTime() ?? Date.now()) - Date.now()) + latePaymentMs);
      await commit(`pay_${request.holdId}`);
      return;
    case 'retry':
      await hold();
      await release();
      return;
    case 'concurrent-retry':
    case 'release':
      await release();
      return;
    case 'expire':
      return;
  }
}

/** Adjacent seats in one row, scattered seats anywhere (across sections too), or best-available. */
function chooseSelection(rows: ContentionOptions['rows']): HoldSeatsRequest['selection'] {
  const quantity = 1 + Math.floor(Math.random() * 4);
  const kind = Math.random();
  if (kind < 0.2) {
    return { $case: 'bestAvailable', value: { quantity, sectionId: pick(rows).sectionId } };
  }
  if (kind < 0.6) {
    const row = pick(rows).seatIds;
    const start = Math.floor(Math.random() * (row.length - quantity + 1));
    return { $case: 'seatIds', value: { seatIds: row.slice(start, start + quantity) } };
  }
  const all = rows.flatMap((row) => row.seatIds);
  const chosen = new Set<string>();
  while (chosen.size < quantity) chosen.add(pick(all));
  return { $case: 'seatIds', value: { seatIds: [...chosen] } };
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)] as T;
}

function pickWeighted<T>(choices: readonly [T, number][]): T {
  let roll = Math.random() * choices.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [choice, weight] of choices) {
    roll -= weight;
    if (roll < 0) return choice;
  }
  return (choices[choices.length - 1] as [T, number])[0];
}
