/**
 * A failure the developer can act on: bad setting, missing binary, busy port, stand-in that never
 * answered. The message is one line; `details` carries supporting text such as a log tail.
 */
export class LocalInfraError extends Error {
  override readonly name = 'LocalInfraError';

  constructor(
    message: string,
    readonly details: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
