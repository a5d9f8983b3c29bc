import { InvalidResourceNameError } from './resource-definition.errors';

/*
 * The characters every resource kind accepts: SQS queue names allow only letters, digits, `-` and
 * `_`; table, bus and rule names allow those and more. One rule for all keeps names portable.
 */
const portableName = /^[A-Za-z0-9_-]*$/;

/**
 * The name of a resource in one environment: the environment's prefix followed by the logical
 * name, so several environments (or test runs) share an account without colliding.
 *
 * @example
 * ```ts
 * physicalName('t-3f9a1c2e-', 'inventory-seats'); // 't-3f9a1c2e-inventory-seats'
 * ```
 * @throws InvalidResourceNameError if the prefix or name contains characters SQS would reject.
 */
export function physicalName(prefix: string, logicalName: string): string {
  if (!portableName.test(prefix)) {
    throw new InvalidResourceNameError(`Resource prefix "${prefix}" may only contain letters, digits, "-" and "_"`);
  }
  if (logicalName === '' || !portableName.test(logicalName)) {
    throw new InvalidResourceNameError(`Logical resource name "${logicalName}" is empty or has invalid characters`);
  }
  return `${prefix}${logicalName}`;
}
