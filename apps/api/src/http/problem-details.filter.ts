import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@civic-ledger/domain';
import { AccessDenied, ApplicationError, ApplicationErrorCode } from '@civic-ledger/application';
import { EventStoreUnavailable, WrongExpectedRevision } from '@civic-ledger/event-store';
import { InvalidCursor } from '@civic-ledger/read-models';
import { KeyDestroyed } from '@civic-ledger/privacy';
import type { Request, Response } from 'express';
import { API_ERROR_STATUS, ApiError, ApiErrorCode } from './api-error';
import { DOMAIN_ERROR_STATUS, problem, ProblemDetails } from './problem-details';

const HTTP_STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'VALIDATION.FAILED', 404: 'ROUTE.NOT_FOUND', 405: 'METHOD.NOT_ALLOWED', 413: 'REQUEST.TOO_LARGE', 415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

function fromApiError(error: ApiError): ProblemDetails {
  return problem(API_ERROR_STATUS[error.code], error.code, error.detail, error.errors ? { errors: error.errors } : {});
}

/** Every application error code mapped to its HTTP status; the compiler insists the map is complete. */
const APPLICATION_ERROR_STATUS: Record<ApplicationErrorCode, number> = {
  'CONCURRENCY.PRECONDITION_FAILED': 412, 'CONCURRENCY.CONFLICT': 409, 'IDEMPOTENCY.KEY_REUSED': 422, 'VALIDATION.FAILED': 400,
};

/** Maps every error to RFC 7807 problem+json; nothing internal (stack, SQL, personal data) leaves. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ApiError) return fromApiError(error);
  if (error instanceof DomainError) return problem(DOMAIN_ERROR_STATUS[error.code], error.code, error.message);
  if (error instanceof AccessDenied) return problem(403, error.code, error.message);
  if (error instanceof ApplicationError) return problem(APPLICATION_ERROR_STATUS[error.code], error.code, error.message, error.errors ? { errors: error.errors } : {});
  if (error instanceof WrongExpectedRevision) return problem(409, 'CONCURRENCY.CONFLICT', 'The record changed concurrently; fetch it again and retry.');
  if (error instanceof KeyDestroyed) return problem(409, 'PARTY.ERASED', 'A party named in this request has been erased; nothing about it can be recorded any more.');
  if (error instanceof EventStoreUnavailable) return problem(503, 'SERVICE.UNAVAILABLE', 'The event store cannot be reached right now. Retry shortly with the same Idempotency-Key; the change is recorded at most once.');
  if (error instanceof InvalidCursor) return problem(400, 'REQUEST.INVALID_CURSOR', 'The cursor is not valid for this query; start again without it.');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_STATUS_CODES[status] ?? 'INTERNAL';
    const detail = status === 404 ? 'No such resource; see /docs for the API.' : status === 429 ? 'Too many requests from this client; slow down and retry after a minute.' : error.message;
    return problem(code === 'INTERNAL' ? 500 : status, code, code === 'INTERNAL' ? 'Unexpected error.' : detail);
  }
  return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged. Try again later.');
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const body = toProblem(error);
    body.instance = request.path;
    if (body.status >= 500) {
      const name = error instanceof Error ? error.name : typeof error;
      this.logger.error({ errorName: name, code: body.code, path: request.path }, 'request failed');
    }
    if (response.headersSent) return;
    if (body.status === 503) response.setHeader('Retry-After', '1');
    if (body.status === 401) response.setHeader('WWW-Authenticate', 'Bearer realm="civic-ledger"');
    response.status(body.status).type('application/problem+json').send(JSON.stringify(body));
  }
}
