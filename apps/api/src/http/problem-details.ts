import { DomainErrorCode } from '@civic-ledger/domain';
import type { AccessDeniedCode } from '@civic-ledger/application';
import { ApiErrorCode } from './api-error';

/** Every domain error code mapped to its HTTP status; the compiler insists the map is complete. */
export const DOMAIN_ERROR_STATUS: Record<DomainErrorCode, number> = {
  'COMMAND.INCOMPLETE': 422,
  'PARTY.NOT_FOUND': 404,
  'PARTY.ALREADY_REGISTERED': 409,
  'PARTY.ERASED': 410,
  'PARTY.MERGED': 409,
  'PARTY.CONTACT_POINT_EXISTS': 409,
  'PARTY.CONTACT_POINT_NOT_FOUND': 404,
  'PARTY.IDENTIFIER_EXISTS': 409,
  'PARTY.CONSENT_ALREADY_GIVEN': 409,
  'PARTY.CONSENT_NOT_GIVEN': 409,
  'PARTY.RELATIONSHIP_SELF': 422,
  'PARTY.RELATIONSHIP_EXISTS': 409,
  'PARTY.RELATIONSHIP_NOT_FOUND': 404,
  'PARTY.MERGE_SELF': 422,
  'PARTY.NOT_MERGED': 409,
  'PARTY.LEGAL_HOLD_ACTIVE': 409,
  'PARTY.LEGAL_HOLD_NOT_FOUND': 404,
  'PARTY.ERASURE_NOT_REQUESTED': 409,
  'PARTY.ERASURE_ALREADY_REQUESTED': 409,
  'PARTY.NAME_UNCHANGED': 422,
  'INTERACTION.NOT_FOUND': 404,
  'INTERACTION.ALREADY_RECORDED': 409,
  'INTERACTION.OCCURRED_IN_FUTURE': 422,
  'INTERACTION.UNKNOWN_PARTY': 422,
  'INTERACTION.NO_CHANGES': 422,
  'INTERACTION.ALREADY_LINKED': 409,
  'INTERACTION.CONFIDENTIALITY_UNCHANGED': 422,
  'CORRESPONDENCE.NOT_FOUND': 404,
  'CORRESPONDENCE.ALREADY_RECEIVED': 409,
  'CORRESPONDENCE.UNKNOWN_PARTY': 422,
  'CORRESPONDENCE.INVALID_TRANSITION': 409,
  'CORRESPONDENCE.CLOSED': 409,
  'CORRESPONDENCE.NOT_ASSIGNED': 409,
  'CORRESPONDENCE.DUE_BEFORE_RECEIVED': 422,
  'CORRESPONDENCE.RECEIVED_IN_FUTURE': 422,
  'PARTY.ACCESS_GRANT_NOT_FOUND': 404,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 409: 'Conflict', 410: 'Gone', 412: 'Precondition Failed',
  413: 'Payload Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

/** The media type of every error answer (with the charset Express used to add). */
export const PROBLEM_JSON = 'application/problem+json; charset=utf-8';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  code: DomainErrorCode | ApiErrorCode | AccessDeniedCode;
  detail: string;
  instance?: string;
  errors?: readonly { field: string; messages: readonly string[] }[];
  [extension: string]: unknown;
}

export function problem(status: number, code: DomainErrorCode | ApiErrorCode | AccessDeniedCode, detail: string, extra: Partial<ProblemDetails> = {}): ProblemDetails {
  return {
    type: `urn:civic-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    code,
    detail,
    ...extra,
  };
}
