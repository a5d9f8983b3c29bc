import { describe, expect, it } from 'vitest';
import { bestAvailableBlocks, chooseBestAvailable, type BestAvailableCandidate } from './best-available.selector';

/**
 * A row drawn as text: `.` a free seat, `x` a taken (held, sold or blocked) one, ` ` a gap in
 * positions (an aisle: no seat there). Seat ids are `<section>-<row>-<position + 1>`.
 */
function row(rowIndex: number, drawing: string, sectionId = 'A'): BestAvailableCandidate[] {
  return [...drawing].flatMap((mark, position) =>
    mark === ' '
      ? []
      : [
          {
            available: mark === '.',
            placement: {
              seatId: `${sectionId}-${rowIndex + 1}-${position + 1}`,
              sectionId,
              rowId: String(rowIndex + 1),
              rowIndex,
              positionInRow: position,
              number: position + 1,
              price: { amountMinor: 5000, currency: 'EUR' },
              blocked: false,
              block: 0,
            },
          },
        ],
  );
}

const pick = (rows: BestAvailableCandidate[][], quantity: number, exclude?: ReadonlySet<string>) =>
  chooseBestAvailable(rows, quantity, exclude === undefined ? {} : { exclude })?.map((placement) => placement.seatId);

describe('chooseBestAvailable', () => {
  describe('within one row', () => {
    it('takes the centre seat for a single ticket', () => {
      expect(pick([row(0, '.....')], 1)).toEqual(['A-1-3']);
    });

    it('takes adjacent seats around the centre', () => {
      expect(pick([row(0, '..........')], 2)).toEqual(['A-1-5', 'A-1-6']);
      expect(pick([row(0, '..........')], 4)).toEqual(['A-1-4', 'A-1-5', 'A-1-6', 'A-1-7']);
    });

    it('measures the centre over the whole row, sold seats included', () => {
      // Free seats 1-5 of a 9-seat row: the centre is seat 5, so the pick hugs the right of the run.
      expect(pick([row(0, '.....xxxx')], 1)).toEqual(['A-1-5']);
    });

    it('prefers an edge of a run over a centred block that strands one seat', () => {
      // Seats 2-3 or 3-4 would sit closer to the centre but leave seat 1 or 5 alone.
      expect(pick([row(0, '.....')], 2)).toEqual(['A-1-1', 'A-1-2']);
    });

    it('counts a seat stranded next to a taken seat as an orphan', () => {
      // Seats 4-5 are central but would leave seats 3 and 6 alone beside the taken ones.
      expect(pick([row(0, 'xx....xx')], 2)).toEqual(['A-1-3', 'A-1-4']);
    });

    it('fills a gap exactly when it fits, rather than strand a seat elsewhere', () => {
      expect(pick([row(0, '...x..x...')], 2)).toEqual(['A-1-5', 'A-1-6']);
    });

    it('accepts leaving one orphan when no block avoids it', () => {
      expect(pick([row(0, 'x...x')], 2)).toEqual(['A-1-2', 'A-1-3']);
    });

    it('treats a gap in positions as the end of a run', () => {
      // Positions 0,1,_,3,4: seats 2 and 4 are not adjacent, so three seats do not fit.
      expect(pick([row(0, '.. ..')], 3)).toBeUndefined();
      expect(pick([row(0, '.. ...')], 3)).toEqual(['A-1-4', 'A-1-5', 'A-1-6']);
    });
  });

  describe('across rows', () => {
    it('prefers the front row', () => {
      expect(pick([row(0, 'x..xxxxx'), row(1, '........')], 2)).toEqual(['A-1-2', 'A-1-3']);
    });

    it('ranks rows by their index, not by the order they are passed in', () => {
      expect(pick([row(3, '....'), row(1, 'x..x')], 2)).toEqual(['A-2-2', 'A-2-3']);
    });

    it('goes further back rather than strand a seat in the front row', () => {
      expect(pick([row(0, 'x...x'), row(1, '....')], 2)).toEqual(['A-2-1', 'A-2-2']);
    });

    it('takes the earlier of two equally good rows (the earlier section)', () => {
      expect(pick([row(0, '....', 'B'), row(0, '....', 'A')], 4)).toEqual(['B-1-1', 'B-1-2', 'B-1-3', 'B-1-4']);
    });

    it('never splits a party across rows', () => {
      expect(pick([row(0, '..x'), row(1, 'x..')], 3)).toBeUndefined();
    });
  });

  describe('exclusions', () => {
    it('skips excluded seats as if taken, for orphans too', () => {
      expect(pick([row(0, '......')], 2)).toEqual(['A-1-3', 'A-1-4']);
      // Seat 3 lost a race: 5-6 would strand seat 4, so 1-2 it is.
      expect(pick([row(0, '......')], 2, new Set(['A-1-3']))).toEqual(['A-1-1', 'A-1-2']);
    });

    it('fails when the exclusions leave too few adjacent seats', () => {
      expect(pick([row(0, '...')], 2, new Set(['A-1-2']))).toBeUndefined();
    });
  });

  describe('when nothing fits', () => {
    it('returns undefined for a sold-out event, a short row or no rows', () => {
      expect(pick([row(0, 'xxxx'), row(1, 'x.x.')], 2)).toBeUndefined();
      expect(pick([row(0, '...')], 4)).toBeUndefined();
      expect(pick([], 1)).toBeUndefined();
      expect(pick([[]], 1)).toBeUndefined();
    });
  });

  describe('the ranked blocks', () => {
    it('lists the best blocks in rank order, overlapping ones included, at most `limit`', () => {
      const blocks = bestAvailableBlocks([row(0, '......')], 2, { limit: 4 }).map((block) => block.map((seat) => seat.seatId).join('+'));
      // Centre first; then the row's ends (they strand no one); then blocks that strand a seat.
      expect(blocks).toEqual(['A-1-3+A-1-4', 'A-1-1+A-1-2', 'A-1-5+A-1-6', 'A-1-2+A-1-3']);
    });

    it('never lists a worse block while a better one is left out', () => {
      const seatIds = (blocks: ReturnType<typeof bestAvailableBlocks>) => blocks.map((block) => block[0]!.seatId);
      // The five best singles of two rows: the front row's that strand no one, then the second
      // row's (stranding a seat ranks below any row).
      expect(seatIds(bestAvailableBlocks([row(0, '.....'), row(1, '.....')], 1, { limit: 5 }))).toEqual([
        'A-1-3',
        'A-1-1',
        'A-1-5',
        'A-2-3',
        'A-2-1',
      ]);
    });

    it('lists fewer when fewer fit, none when none does', () => {
      expect(bestAvailableBlocks([row(0, 'x..x')], 2, { limit: 8 })).toHaveLength(1);
      expect(bestAvailableBlocks([row(0, 'x.x.')], 2, { limit: 8 })).toEqual([]);
    });
  });

  it('rejects a quantity that is not a positive integer', () => {
    expect(() => pick([row(0, '...')], 0)).toThrow(RangeError);
    expect(() => pick([row(0, '...')], 1.5)).toThrow(RangeError);
  });

  it('searches 50,000 seats quickly', () => {
    const drawing = '.x..x...x.'.repeat(50);
    const rows = Array.from({ length: 100 }, (_, index) => row(index, drawing));
    const started = performance.now();
    expect(pick(rows, 4)).toBeUndefined();
    expect(pick(rows, 3)).toHaveLength(3);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
