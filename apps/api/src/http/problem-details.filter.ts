import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { DomainError } from '@civic-ledger/domain';
import { AccessDenied, ApplicationError, ApplicationErrorCode } from '@civic-ledger/application';
import { EventStoreUnavailable, WrongExpectedRevision } from '@civic-ledger/event-store';
import { InvalidCursor } from '@civic-ledger/read-models';
import { KeyDestroyed } from '@civic-ledger/privacy';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { API_ERROR_STATUS, ApiError, ApiErrorCode } from './api-error';
import { DOMAIN_ERROR_STATUS, problem, PROBLEM_JSON, ProblemDetails } from './problem-details';
import { pathOf } from './request-path';

const HTTP_STATUS_CODES: Record<number, ApiErrorCode> = {
  400: 'VALIDATION.FAILED', 404: 'ROUTE.NOT_FOUND', 405: 'METHOD.NOT_ALLOWED', 413: 'REQUEST.TOO_LARGE', 415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

function fromApiError(error: ApiError): ProblemDetails {
  return problem(API_ERROR_STATUS[error.code], error.code, error.detail, error.errors ? { errors: error.errors } : {});
}

/**
 * Errors Fastify raises itself before a handler runs (body larger than the limit, a content type it
 * cannot read, a body shorter than its Content-Length, a URL it cannot decode) as our own.
 */
function fromFastifyError(error: { code: string; statusCode?: number }): ApiError | null {
  if (!error.code.startsWith('FST_') || error.statusCode === undefined || error.statusCode < 400 || error.statusCode >= 500) return null;
  if (error.statusCode === 413) return new ApiError('REQUEST.TOO_LARGE', 'The request body is larger than the server accepts; send less data.');
  if (error.statusCode === 415) return new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.');
  if (error.code.startsWith('FST_ERR_CTP_')) return new ApiError('REQUEST.MALFORMED_JSON', 'The request body could not be read as sent; check Content-Length and the JSON.');
  return new ApiError('VALIDATION.FAILED', 'The request is not valid HTTP for this API (e.g. an undecodable URL).');
}

function isFastifyError(error: unknown): error is { code: string; statusCode?: number } {
  return error instanceof Error && typeof (error as { code?: unknown }).code === 'string';
}

/**
 * A client error raised by a plugin serving files (the API document's UI, the console): http-errors mark
 * them `expose` with a 4xx status (e.g. a path that climbs out of the folder). To a client it is no such file.
 */
function isFileServingRefusal(error: unknown): boolean {
  const e = error as { expose?: unknown; statusCode?: unknown };
  return error instanceof Error && e.expose === true && typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500;
}

/** Every application error code mapped to its HTTP status; the compiler insists the map is complete. */
const APPLICATION_ERROR_STATUS: Record<ApplicationErrorCode, number> = {
  'CONCURRENCY.PRECONDITION_FAILED': 412, 'CONCURRENCY.CONFLICT': 409, 'IDEMPOTENCY.KEY_REUSED': 422, 'VALIDATION.FAILED': 400,
};

/** Maps every error to RFC 7807 problem+json; nothing internal (stack, SQL, personal data) leaves. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof ApiError) return fromApiError(error);
  if (isFastifyError(error)) {
    const edge = fromFastifyError(error);
    if (edge) return fromApiError(edge);
  }
  if (error instanceof DomainError) return problem(DOMAIN_ERROR_STATUS[error.code], error.code, error.message);
  if (error instanceof AccessDenied) return problem(403, error.code, error.message);
  if (error instanceof ApplicationError) return problem(APPLICATION_ERROR_STATUS[error.code], error.code, error.message, error.errors ? { errors: error.errors } : {});
  if (error instanceof WrongExpectedRevision) return problem(409, 'CONCURRENCY.CONFLICT', 'The record changed concurrently; fetch it again and retry.');
  if (error instanceof KeyDestroyed) return problem(409, 'PARTY.ERASED', 'A party named in this request has been erased; nothing about it can be recorded any more.');
  if (error instanceof EventStoreUnavailable) return problem(503, 'SERVICE.UNAVAILABLE', 'The event store cannot be reached right now. Retry shortly with the same Idempotency-Key; the change is recorded at most once.');
  if (error instanceof InvalidCursor) return problem(400, 'REQUEST.INVALID_CURSOR', 'The cursor is not valid for this query; start again without it.');
  if (isFileServingRefusal(error)) return problem(404, 'ROUTE.NOT_FOUND', 'No such resource; see /docs for the API.');
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const code = HTTP_STATUS_CODES[status] ?? 'INTERNAL';
    const detail = status === 404 ? 'No such resource; see /docs for the API.' : status === 429 ? 'Too many requests from this client; slow down and retry after a minute.' : error.message;
    return problem(code === 'INTERNAL' ? 500 : status, code, code === 'INTERNAL' ? 'Unexpected error.' : detail);
  }
  return problem(500, 'INTERNAL', 'An unexpected error occurred; it has been logged. Try again later.');
}

/** Answers with the problem as application/problem+json, its status the problem's. */
export function sendProblem(reply: FastifyReply, body: ProblemDetails): void {
  void reply.status(body.status).type(PROBLEM_JSON).send(JSON.stringify(body));
}

@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Http');

  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<FastifyRequest>();
    const body = toProblem(error);
    body.instance = pathOf(request);
    if (body.status >= 500) {
      const name = error instanceof Error ? error.name : typeof error;
      this.logger.error({ errorName: name, code: body.code, path: body.instance, reqId: request.id }, 'request failed');
    }
    if (reply.sent || reply.raw.headersSent) return;
    if (body.status === 503) reply.header('Retry-After', '1');
    if (body.status === 401) reply.header('WWW-Authenticate', 'Bearer realm="civic-ledger"');
    sendProblem(reply, body);
  }
}
