/** The kind of AWS resource a provisioning step was working on. */
export type ResourceKind = 'table' | 'queue' | 'event bus' | 'rule';

/**
 * A resource could not be created, updated, inspected or deleted. Names the resource and the
 * step; the SDK error is the `cause`.
 */
export class ResourceProvisioningError extends Error {
  override readonly name = 'ResourceProvisioningError';

  constructor(
    readonly step: string,
    readonly resourceKind: ResourceKind,
    readonly resourceName: string,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Could not ${step} ${resourceKind} "${resourceName}": ${detail}`, options);
  }

  /** Wraps an SDK failure, keeping its error name in the message. */
  static from(step: string, kind: ResourceKind, name: string, cause: unknown): ResourceProvisioningError {
    const detail = cause instanceof Error ? `${cause.name}: ${cause.message}` : String(cause);
    return new ResourceProvisioningError(step, kind, name, detail, { cause });
  }
}

/** A lookup asked for a resource that was not provisioned (or not selected). */
export class ResourceNotProvisionedError extends Error {
  override readonly name = 'ResourceNotProvisionedError';
}
