import { describe, expect, it } from 'vitest';
import { reportSections } from './schemathesis-report';

describe('reportSections', () => {
  it('drops the progress frames and keeps every section from the first banner on', () => {
    const output = [
      'Schemathesis v4.32.5',
      '\x1b[2K\x1b[1A\x1b[2K 🕛  Stateful',
      '     ━━━━━━━━━━━━━        91%',
      '     3413 cases  🔗 0/2 links  ⏳ 5.62s left',
      '=================================== FAILURES ===================================',
      '_ POST /v1/reservations _',
      '=================================== SUMMARY ====================================',
      'Test cases:',
      '  3814 generated, 3813 passed',
      '============================= 1 failure in 60.05s ==============================',
      '',
    ].join('\n');
    expect(reportSections(output)).toBe(
      [
        '=================================== FAILURES ===================================',
        '_ POST /v1/reservations _',
        '=================================== SUMMARY ====================================',
        'Test cases:',
        '  3814 generated, 3813 passed',
        '============================= 1 failure in 60.05s ==============================',
      ].join('\n'),
    );
  });

  it('falls back to the last lines when Schemathesis stopped before its report', () => {
    const output = ['Schemathesis v4.32.5', 'Error: could not load the schema', 'Connection refused'].join('\n');
    expect(reportSections(output, 2)).toBe('Error: could not load the schema\nConnection refused');
  });
});
