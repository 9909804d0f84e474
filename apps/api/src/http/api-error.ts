/** Error codes of the HTTP edge (domain codes come from @civic-ledger/domain). */
export const API_ERROR_STATUS = {
  'VALIDATION.FAILED': 400,
  'AUTH.UNAUTHENTICATED': 401,
  'AUTH.FORBIDDEN': 403,
  'REQUEST.MALFORMED_JSON': 400,
  'REQUEST.INVALID_CURSOR': 400,
  'REQUEST.TOO_LARGE': 413,
  'REQUEST.UNSUPPORTED_MEDIA_TYPE': 415,
  'ROUTE.NOT_FOUND': 404,
  'METHOD.NOT_ALLOWED': 405,
  'CONCURRENCY.PRECONDITION_FAILED': 412,
  'CONCURRENCY.CONFLICT': 409,
  'IDEMPOTENCY.KEY_REUSED': 422,
  'RATE_LIMITED': 429,
  'READ_MODEL.LAGGING': 503,
  'SERVICE.UNAVAILABLE': 503,
  'INTERNAL': 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export interface FieldError {
  readonly field: string;
  readonly messages: readonly string[];
}

export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    /** User-facing detail: says what to do, never contains personal data. */
    readonly detail: string,
    readonly errors?: readonly FieldError[],
  ) {
    super(detail);
    this.name = 'ApiError';
  }
}
