import { describe, expect, it } from 'vitest';
import { isFinalStatusCode } from './final-status';

describe('isFinalStatusCode', () => {
  it('stores successes and replayable client errors', () => {
    for (const status of [200, 201, 204, 400, 403, 404, 412, 422]) expect(isFinalStatusCode(status)).toBe(true);
  });

  it('never stores 409, 429 or 5xx (DESIGN.md: not final, the client may retry)', () => {
    for (const status of [409, 429, 500, 502, 503, 504, 99, 600, 201.5]) expect(isFinalStatusCode(status)).toBe(false);
  });
});
