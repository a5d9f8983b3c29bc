/** A resource prefix or logical name that would make an invalid AWS resource name. */
export class InvalidResourceNameError extends Error {
  override readonly name = 'InvalidResourceNameError';
}

/** A selection names a resource the definitions do not contain. */
export class UnknownResourceError extends Error {
  override readonly name = 'UnknownResourceError';
}
