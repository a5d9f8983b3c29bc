/**
 * Whether an SDK call failed with one of the named AWS errors. SDK v3 exceptions carry the
 * service's error code as `name`, which survives protocol changes (SQS moved from the query to
 * the JSON protocol and kept its names) better than `instanceof` across client versions.
 */
export function isAwsError(error: unknown, ...names: readonly string[]): boolean {
  return error instanceof Error && names.includes(error.name);
}
