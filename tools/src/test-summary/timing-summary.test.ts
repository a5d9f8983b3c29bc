import { describe, expect, it } from 'vitest';
import { runDuration, timingSummary, workspaceTestsLine } from './timing-summary';

describe('timingSummary', () => {
  it('lists the slowest files of all projects first, at most `count`, and the steps closest to their limit', () => {
    const lines = timingSummary(
      [
        {
          files: [
            { file: 'apps/a/test/fast.test.ts', durationMs: 1_000 },
            { file: 'apps/a/test/slow.test.ts', durationMs: 40_000 },
          ],
          nearLimit: [{ file: 'apps/a/test/slow.test.ts', name: 'beforeAll of stack', durationMs: 160_000, limitMs: 300_000 }],
        },
        {
          files: [{ file: 'libs/b/test/middle.test.ts', durationMs: 12_340 }],
          nearLimit: [{ file: 'libs/b/test/middle.test.ts', name: 'b works', durationMs: 100_000, limitMs: 180_000 }],
        },
      ],
      2,
    );
    expect(lines).toEqual([
      'slowest 2 test files (imports, hooks and tests):',
      '    40.0 s  apps/a/test/slow.test.ts',
      '    12.3 s  libs/b/test/middle.test.ts',
      'tests and hooks past half of their timeout:',
      '   100.0 s of 180.0 s  libs/b/test/middle.test.ts › b works',
      '   160.0 s of 300.0 s  apps/a/test/slow.test.ts › beforeAll of stack',
    ]);
  });

  it('says so when nothing came close to its limit', () => {
    expect(timingSummary([{ files: [], nearLimit: [] }])).toEqual([
      'slowest 0 test files (imports, hooks and tests):',
      'tests and hooks past half of their timeout:',
      '  none',
    ]);
  });
});

describe('runDuration', () => {
  it('prints minutes and zero-padded seconds', () => {
    expect(runDuration(481_323)).toBe('8 min 01 s');
    expect(runDuration(59_600)).toBe('1 min 00 s');
  });
});

describe('workspaceTestsLine', () => {
  it("reads like vitest's own totals line, failures first and skips only when there are some", () => {
    expect(workspaceTestsLine({ passed: 1011, failed: 0, skipped: 0 })).toBe('      Tests  1011 passed (1011)');
    expect(workspaceTestsLine({ passed: 1009, failed: 2, skipped: 3 })).toBe('      Tests  2 failed | 1009 passed | 3 skipped (1014)');
  });
});
