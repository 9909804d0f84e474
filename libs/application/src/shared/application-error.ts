/** Errors of the application layer with stable codes; each transport maps every code (HTTP: problem+json). */
export const APPLICATION_ERROR_CODES = ['CONCURRENCY.PRECONDITION_FAILED', 'CONCURRENCY.CONFLICT', 'IDEMPOTENCY.KEY_REUSED', 'VALIDATION.FAILED'] as const;
export type ApplicationErrorCode = (typeof APPLICATION_ERROR_CODES)[number];

export class ApplicationError extends Error {
  constructor(
    readonly code: ApplicationErrorCode,
    /** User-facing: says what to do, never contains personal data. */
    message: string,
    /** For VALIDATION.FAILED: which input field is wrong, and why. */
    readonly errors?: readonly { field: string; messages: readonly string[] }[],
  ) {
    super(message);
    this.name = 'ApplicationError';
  }
}
