/**
 * Longest event, section, row or seat id. Ids become parts of DynamoDB keys and Redis keys, and a
 * 99-seat hold carries every seat id in one transaction and one Lua call, so they stay short.
 */
export const maxIdentifierLength = 64;

/**
 * What an event, section, row or seat id may look like: a letter or digit, then letters, digits
 * and `_ . : -`. It leaves out `#` (the seat store's key separator), `{` `}` (Redis Cluster hash
 * tags, `{evt_1:A}`), whitespace and anything that would need escaping in a key or a log line.
 */
export const identifierPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;

/**
 * Why `value` is not a valid id, or `undefined` when it is one.
 *
 * @example
 * identifierProblem('A-12') // undefined
 * identifierProblem('A#12') // 'must start with a letter or digit and contain only …'
 */
export function identifierProblem(value: string): string | undefined {
  if (value.length === 0) {
    return 'must not be empty';
  }
  if (value.length > maxIdentifierLength) {
    return `must be at most ${maxIdentifierLength} characters`;
  }
  if (!identifierPattern.test(value)) {
    return 'must start with a letter or digit and contain only letters, digits, "_", ".", ":" and "-"';
  }
  return undefined;
}

/** True when `value` is a valid event, section, row or seat id (see {@link identifierPattern}). */
export function isValidIdentifier(value: string): boolean {
  return identifierProblem(value) === undefined;
}
