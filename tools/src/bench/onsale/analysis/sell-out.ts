import type { GrantedPost, RecordedChange } from '../scenarios/onsale-scenario-plan';

/** When the event sold out, and the holds that sold it. */
export interface SellOut {
  readonly method: string;
  /** Whether every seat was held (or sold) at some moment. */
  readonly reached: boolean;
  /** Seconds from the first buyer to the sell-out (to the last 201 when it was not reached). */
  readonly seconds: number;
  /** What the moment comes from: the buyers' own 201s and cancels, or the seat stream when those never add up. */
  readonly source: 'answers' | 'stream' | 'last 201';
  /** The first seat-map reading with no AVAILABLE seat, seconds from the first buyer (undefined: none). */
  readonly streamSeconds: number | undefined;
  /** Holds granted until then, and their seats. */
  readonly holds: number;
  readonly seats: number;
  /** Seats the buyers held when the sale ended (their 201s minus their cancels). */
  readonly seatsHeldAtEnd: number;
}

export const sellOutMethod =
  "from the first buyer's admission to the 201 after which the buyers' own count (seats of their 201s minus those of their " +
  'cancels, by answer time) first reached the event\'s size; if it never did (a seat held by a request that failed), to the ' +
  'first seat-stream reading with no AVAILABLE seat';

/** The sell-out moment of the sale (see {@link sellOutMethod}) and the holds granted until then. */
export function sellOutOf(
  startedAt: number,
  totalSeats: number,
  granted: readonly GrantedPost[],
  cancelled: readonly { readonly answeredAt: number; readonly seats: number }[],
  changes: readonly RecordedChange[],
): { readonly sellOut: SellOut; readonly holdSizes: number[] } {
  const steps = [
    ...granted.map((post) => ({ at: post.answeredAt, seats: post.seatIds.length })),
    ...cancelled.map((cancel) => ({ at: cancel.answeredAt, seats: -cancel.seats })),
  ].sort((a, b) => a.at - b.at || b.seats - a.seats);
  let held = 0;
  let soldOutAt: number | undefined;
  for (const step of steps) {
    held += step.seats;
    if (soldOutAt === undefined && held >= totalSeats) soldOutAt = step.at;
  }
  const streamAt = [...changes].sort((a, b) => a.asOf - b.asOf).find((change) => change.available === 0)?.asOf;
  const lastCreated = Math.max(startedAt, ...granted.map((post) => post.answeredAt));
  const source = soldOutAt !== undefined ? 'answers' : streamAt !== undefined ? 'stream' : 'last 201';
  const at = soldOutAt ?? streamAt ?? lastCreated;
  const until = [...granted].sort((a, b) => a.answeredAt - b.answeredAt).filter((post) => post.answeredAt <= at);
  const seconds = (instant: number) => Math.round((instant - startedAt) / 10) / 100;
  return {
    sellOut: {
      method: sellOutMethod,
      reached: source !== 'last 201',
      seconds: seconds(at),
      source,
      streamSeconds: streamAt === undefined ? undefined : seconds(streamAt),
      holds: until.length,
      seats: until.reduce((sum, post) => sum + post.seatIds.length, 0),
      seatsHeldAtEnd: held,
    },
    holdSizes: until.map((post) => post.seatIds.length),
  };
}
