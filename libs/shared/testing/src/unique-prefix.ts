import { randomBytes } from 'node:crypto';

/**
 * A prefix no other test run uses: `t-` and 8 random hex digits. Short, because AWS caps rule
 * names at 64 characters; free of `.` and braces, so it is valid in every AWS resource name and
 * never changes a key's Redis Cluster slot.
 */
export function uniquePrefix(): string {
  return `t-${randomBytes(4).toString('hex')}-`;
}
