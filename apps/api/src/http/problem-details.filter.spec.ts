import { ArgumentsHost, BadRequestException, HttpException, Logger, MethodNotAllowedException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import { errorCodes } from 'fastify';
import { DOMAIN_ERROR_CODES, DomainError } from '@civic-ledger/domain';
import { AccessDenied, AccessDeniedCode, APPLICATION_ERROR_CODES, ApplicationError } from '@civic-ledger/application';
import { EventStoreUnavailable, WrongExpectedRevision } from '@civic-ledger/event-store';
import { InvalidCursor } from '@civic-ledger/read-models';
import { KeyDestroyed } from '@civic-ledger/privacy';
import { API_ERROR_STATUS, ApiError, ApiErrorCode } from './api-error';
import { ProblemDetailsFilter, toProblem } from './problem-details.filter';

const KNOWN_TITLES = new Set(['Bad Request', 'Unauthorized', 'Forbidden', 'Not Found', 'Method Not Allowed', 'Conflict', 'Gone', 'Precondition Failed',
  'Payload Too Large', 'Unsupported Media Type', 'Unprocessable Content', 'Too Many Requests', 'Internal Server Error', 'Service Unavailable']);

/** A problem body as RFC 7807 and CONVENTIONS.md want it: the five members, a stable type per code, nothing else but errors. */
function expectProblem(error: unknown, status: number, code: string, detail: string | RegExp = /./): void {
  const body = toProblem(error);
  expect(body).toEqual({
    type: `urn:civic-ledger:problem:${code.toLowerCase().replace(/_/g, '-')}`, title: expect.any(String), status, code,
    detail: typeof detail === 'string' ? detail : expect.stringMatching(detail), ...(body.errors ? { errors: body.errors } : {}),
  });
  expect(KNOWN_TITLES).toContain(body.title);
}

describe('toProblem', () => {
  describe('domain errors', () => {
    it.each(DOMAIN_ERROR_CODES.map((code) => [code]))('%s keeps its code and its user-facing message, with a 4xx status', (code) => {
      const body = toProblem(new DomainError(code, 'Say what to do.'));
      expect(body.status).toBeGreaterThanOrEqual(400);
      expect(body.status).toBeLessThan(500);
      expectProblem(new DomainError(code, 'Say what to do.'), body.status, code, 'Say what to do.');
    });

    it.each([
      ['PARTY.NOT_FOUND', 404, 'Not Found'], ['PARTY.ERASED', 410, 'Gone'], ['PARTY.ALREADY_REGISTERED', 409, 'Conflict'],
      ['INTERACTION.OCCURRED_IN_FUTURE', 422, 'Unprocessable Content'], ['CORRESPONDENCE.INVALID_TRANSITION', 409, 'Conflict'], ['COMMAND.INCOMPLETE', 422, 'Unprocessable Content'],
    ] as const)('%s is %i %s', (code, status, title) => {
      expect(toProblem(new DomainError(code, 'x'))).toMatchObject({ status, title, code });
    });
  });

  describe('application errors', () => {
    const expected = { 'CONCURRENCY.PRECONDITION_FAILED': 412, 'CONCURRENCY.CONFLICT': 409, 'IDEMPOTENCY.KEY_REUSED': 422, 'VALIDATION.FAILED': 400 };

    it.each(APPLICATION_ERROR_CODES.map((code) => [code]))('%s maps to its status', (code) => {
      expectProblem(new ApplicationError(code, 'Fetch it again.'), expected[code], code, 'Fetch it again.');
    });

    it('carries the field errors of a failed validation', () => {
      const errors = [{ field: 'name.full', messages: ['must not be empty'] }];
      expect(toProblem(new ApplicationError('VALIDATION.FAILED', 'Fix the fields.', errors))).toMatchObject({ status: 400, errors });
    });
  });

  describe('access denied', () => {
    it.each(['AUTH.FORBIDDEN', 'AUTH.BREAK_GLASS_REQUIRED'] satisfies AccessDeniedCode[])('%s is 403 with its code', (code) => {
      expectProblem(new AccessDenied(code, 'Not your department.'), 403, code, 'Not your department.');
    });
  });

  describe('errors of the HTTP edge', () => {
    it.each(Object.entries(API_ERROR_STATUS) as [ApiErrorCode, number][])('%s is %i', (code, status) => {
      expectProblem(new ApiError(code, 'Do this instead.'), status, code, 'Do this instead.');
    });

    it('carries field errors', () => {
      const errors = [{ field: 'email', messages: ['must be an e-mail address'] }];
      expect(toProblem(new ApiError('VALIDATION.FAILED', 'Fix the fields.', errors)).errors).toEqual(errors);
    });
  });

  describe('errors of adapters and of the framework', () => {
    it('maps them to stable codes without their internal messages', () => {
      expectProblem(new WrongExpectedRevision('party-secret-id', 3, 4), 409, 'CONCURRENCY.CONFLICT', /fetch it again/);
      expectProblem(new KeyDestroyed('Ada Byron'), 409, 'PARTY.ERASED', /erased/);
      expectProblem(new EventStoreUnavailable('connect ECONNREFUSED 10.0.0.7:2113'), 503, 'SERVICE.UNAVAILABLE', /Retry shortly/);
      expectProblem(new InvalidCursor(), 400, 'REQUEST.INVALID_CURSOR', /start again/);
      for (const error of [new WrongExpectedRevision('party-secret-id', 3, 4), new KeyDestroyed('Ada Byron'), new EventStoreUnavailable('connect ECONNREFUSED 10.0.0.7:2113')]) {
        expect(JSON.stringify(toProblem(error))).not.toMatch(/secret|Ada|ECONNREFUSED|10\.0\.0\.7/);
      }
    });

    it('maps Nest\'s HTTP exceptions it knows, and no other status leaks through', () => {
      expectProblem(new NotFoundException('Cannot GET /internal/thing'), 404, 'ROUTE.NOT_FOUND', 'No such resource; see /docs for the API.');
      expectProblem(new MethodNotAllowedException(), 405, 'METHOD.NOT_ALLOWED');
      expectProblem(new PayloadTooLargeException(), 413, 'REQUEST.TOO_LARGE');
      expectProblem(new BadRequestException('bad'), 400, 'VALIDATION.FAILED', 'bad');
      expectProblem(new ThrottlerException(), 429, 'RATE_LIMITED', /slow down/);
      expectProblem(new HttpException('I am a teapot at /srv/app', 418), 500, 'INTERNAL', 'Unexpected error.');
    });
  });

  describe('errors Fastify raises before a handler runs', () => {
    it('maps them to the codes of the HTTP edge', () => {
      expectProblem(new errorCodes.FST_ERR_CTP_BODY_TOO_LARGE(), 413, 'REQUEST.TOO_LARGE', /send less/);
      expectProblem(new errorCodes.FST_ERR_CTP_INVALID_MEDIA_TYPE(), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE', /application\/json/);
      expectProblem(new errorCodes.FST_ERR_CTP_INVALID_CONTENT_LENGTH(), 400, 'REQUEST.MALFORMED_JSON', /Content-Length/);
      expectProblem(new errorCodes.FST_ERR_BAD_URL('/%zz'), 400, 'VALIDATION.FAILED', /not valid HTTP/);
    });

    it('answers a file the static plugins refuse to serve (a path climbing out of their folder) as no such resource', () => {
      const forbidden = Object.assign(new Error('Forbidden'), { name: 'ForbiddenError', status: 403, statusCode: 403, expose: true });
      expectProblem(forbidden, 404, 'ROUTE.NOT_FOUND', 'No such resource; see /docs for the API.');
      const internal = Object.assign(new Error('EACCES /srv/app'), { statusCode: 500, expose: false });
      expectProblem(internal, 500, 'INTERNAL');
    });

    it('lets a failure of the server stay a bare 500', () => {
      expectProblem(new errorCodes.FST_ERR_SEND_UNDEFINED_ERR(), 500, 'INTERNAL');
    });
  });

  describe('unknown errors', () => {
    it.each([
      ['an Error with an internal message', Object.assign(new Error('SQLITE_BUSY: database is locked at /var/lib/civic/events.sqlite'), { code: 'SQLITE_BUSY' })],
      ['a thrown string', 'Ada Byron, 1815-12-10'],
      ['null', null],
    ])('%s is a bare 500 INTERNAL: no message, stack or code leaks', (_what, error) => {
      const body = toProblem(error);
      expectProblem(error, 500, 'INTERNAL', 'An unexpected error occurred; it has been logged. Try again later.');
      expect(JSON.stringify(body)).not.toMatch(/SQLITE|var\/lib|Ada|1815|at .*\.ts|stack/);
    });
  });
});

describe('ProblemDetailsFilter', () => {
  function send(error: unknown) {
    const sent = { status: 0, type: '', body: '', headers: {} as Record<string, string> };
    const response = {
      sent: false,
      raw: { headersSent: false },
      header(name: string, value: string) { sent.headers[name] = value; return this; },
      status(code: number) { sent.status = code; return this; },
      type(type: string) { sent.type = type; return this; },
      send(body: string) { sent.body = body; return this; },
    };
    const host = { switchToHttp: () => ({ getResponse: () => response, getRequest: () => ({ url: '/parties/p-1?q=Ada', id: 'req-7' }) }) } as unknown as ArgumentsHost;
    new ProblemDetailsFilter().catch(error, host);
    return sent;
  }

  it('answers application/problem+json with the request path as instance', () => {
    const sent = send(new DomainError('PARTY.NOT_FOUND', 'No such party.'));
    expect(sent).toMatchObject({ status: 404, type: 'application/problem+json; charset=utf-8' });
    expect(JSON.parse(sent.body)).toMatchObject({ code: 'PARTY.NOT_FOUND', instance: '/parties/p-1' });
  });

  it('logs a failure of the server by name and code, without its message', () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      expect(send(new Error('duplicate key: ada@example.org')).status).toBe(500);
      expect(logged).toHaveBeenCalledWith({ errorName: 'Error', code: 'INTERNAL', path: '/parties/p-1', reqId: 'req-7' }, 'request failed');
    } finally {
      logged.mockRestore();
    }
  });

  it('tells when to retry a 503 and how to authenticate after a 401', () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementationOnce(() => undefined);
    expect(send(new EventStoreUnavailable('down')).headers).toEqual({ 'Retry-After': '1' });
    expect(send(new ApiError('AUTH.UNAUTHENTICATED', 'Send a bearer token.')).headers).toEqual({ 'WWW-Authenticate': 'Bearer realm="civic-ledger"' });
  });
});
