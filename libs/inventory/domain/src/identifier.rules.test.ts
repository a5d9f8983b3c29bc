import { describe, expect, it } from 'vitest';
import { identifierProblem, isValidIdentifier, maxIdentifierLength } from './identifier.rules';

describe('identifiers', () => {
  it.each(['A', 'A-12', 'evt_2026_1001', 'sec.upper:3', '7'])('accepts %s', (value) => {
    expect(isValidIdentifier(value)).toBe(true);
  });

  it.each([
    ['empty', '', 'must not be empty'],
    ['starting with a separator', '-A', 'must start with a letter or digit'],
    ['with a key separator', 'A#12', 'must start with a letter or digit'],
    ['with a Redis hash tag', '{A}', 'must start with a letter or digit'],
    ['with a space', 'A 12', 'must start with a letter or digit'],
    ['non-ASCII', 'Ä-1', 'must start with a letter or digit'],
  ])('rejects an id %s', (_, value, problem) => {
    expect(identifierProblem(value)).toContain(problem);
  });

  it('accepts 64 characters and rejects 65', () => {
    expect(isValidIdentifier('a'.repeat(maxIdentifierLength))).toBe(true);
    expect(identifierProblem('a'.repeat(maxIdentifierLength + 1))).toBe('must be at most 64 characters');
  });
});
