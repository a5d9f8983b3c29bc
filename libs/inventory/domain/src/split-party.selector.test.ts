import { describe, expect, it } from 'vitest';
import type { BestAvailableCandidate } from './best-available.selector';
import { splitPartyBlocks } from './split-party.selector';

/** A row from a drawing: `.` free, `x` taken, ` ` no seat at that position. */
function row(rowIndex: number, drawing: string): BestAvailableCandidate[] {
  return [...drawing].flatMap((mark, position) =>
    mark === ' '
      ? []
      : [
          {
            available: mark === '.',
            placement: {
              seatId: `A-${rowIndex + 1}-${position + 1}`,
              sectionId: 'A',
              rowId: String(rowIndex + 1),
              rowIndex,
              positionInRow: position,
              number: position + 1,
              blocked: false,
              block: 0,
              price: { amountMinor: 1_000, currency: 'EUR' },
            },
          },
        ],
  );
}

const ids = (blocks: ReturnType<typeof splitPartyBlocks>) => blocks.map((block) => block.map((seat) => seat.seatId).join('+'));

describe('splitPartyBlocks', () => {
  it('seats a party of four as two and two, one behind the other, when no row has four together', () => {
    const rows = [row(0, '..x..'), row(1, 'x..x.')];
    expect(ids(splitPartyBlocks(rows, 4, { limit: 1 }))).toEqual(['A-1-1+A-1-2+A-2-2+A-2-3']);
  });

  it('prefers the front rows, then an even split, then halves one behind the other', () => {
    const rows = [row(0, 'xxxxx'), row(1, '...xx'), row(2, '.....')];
    const [best] = splitPartyBlocks(rows, 4, { limit: 5 });
    // Rows 2 and 3: 2 + 2 beats 3 + 1; the back pair right behind the front pair, near the centre.
    expect(best?.map((seat) => seat.seatId)).toEqual(['A-2-2', 'A-2-3', 'A-3-2', 'A-3-3']);
  });

  it('never joins rows that are not adjacent, nor halves whose columns do not overlap', () => {
    expect(splitPartyBlocks([row(0, '..xxx'), row(2, '..xxx')], 4, { limit: 5 })).toEqual([]);
    expect(splitPartyBlocks([row(0, '..xxx'), row(1, 'xxx..')], 4, { limit: 5 })).toEqual([]);
  });

  it('skips excluded seats, and has nothing for a party of one', () => {
    const rows = [row(0, '..'), row(1, '..')];
    expect(splitPartyBlocks(rows, 4, { limit: 5, exclude: new Set(['A-2-2']) })).toEqual([]);
    expect(splitPartyBlocks(rows, 1, { limit: 5 })).toEqual([]);
  });
});
