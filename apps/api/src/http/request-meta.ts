import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { pathOf } from './request-path';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import type { CommandContext, Principal } from '@civic-ledger/application';

/** Requests without a token reach no write route; this principal sees nothing. */
const NOBODY: Principal = { sub: 'anonymous', role: 'clerk', departments: [] };

/**
 * What every write takes from the request: the application's command context (who, correlation,
 * idempotency, precondition), with `requestHash` the SHA-256 of method, route and canonical body when
 * the request carries an Idempotency-Key (empty without one) and `expectedRevision` from If-Match.
 */
export type RequestMeta = CommandContext;

const TOKEN = /^[A-Za-z0-9._:@-]{1,100}$/;
const KEY = /^[\x21-\x7e]{1,200}$/;
const ETAG = /^(W\/)?"(-?\d{1,15})"$/;

function header(req: FastifyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function invalid(field: string, message: string): ApiError {
  return new ApiError('VALIDATION.FAILED', 'A request header is not valid.', [{ field, messages: [message] }]);
}

export function etagFor(revision: number): string {
  return `"${revision}"`;
}

export function readRequestMeta(req: FastifyRequest): RequestMeta {
  // The actor is the token's subject, never a header the client could set.
  const principal = (req as AuthenticatedRequest).principal ?? NOBODY;
  const actor = principal.sub;
  const correlationId = header(req, 'x-correlation-id') ?? randomUUID();
  if (!TOKEN.test(correlationId)) throw invalid('X-Correlation-Id', 'X-Correlation-Id must be 1-100 letters, digits or ._:@-');
  const idempotencyKey = header(req, 'idempotency-key');
  if (idempotencyKey !== undefined && !KEY.test(idempotencyKey)) throw invalid('Idempotency-Key', 'Idempotency-Key must be 1-200 visible ASCII characters');
  const expectedRevision = ifMatchRevision(header(req, 'if-match'));
  // Only a replay compares it (is this the request the key was first used for?): without a key, nothing to hash.
  const requestHash = idempotencyKey === undefined ? '' : createHash('sha256').update(`${req.method} ${pathOf(req)}\n${canonicalize(req.body ?? {}) ?? ''}`).digest('hex');
  return { actor, principal, correlationId, idempotencyKey, requestHash, expectedRevision };
}

/**
 * If-Match (RFC 9110 §13.1.1): `*` matches any current version (no revision check); otherwise the
 * strong comparison: a weak tag (W/"3") never matches, so a list of only weak tags fails (412).
 */
export function ifMatchRevision(ifMatch: string | undefined): number | undefined {
  if (ifMatch === undefined || ifMatch.trim() === '*') return undefined;
  const tags = ifMatch.split(',').map((t) => t.trim()).filter(Boolean);
  const parsed = tags.map((t) => ETAG.exec(t));
  if (tags.length === 0 || parsed.some((m) => !m)) throw invalid('If-Match', 'If-Match must be * or an ETag from a previous response, e.g. "3"');
  const strong = (parsed as RegExpExecArray[]).filter((m) => !m[1]).map((m) => Number(m[2]));
  if (strong.length === 0) throw new ApiError('CONCURRENCY.PRECONDITION_FAILED', 'A weak ETag (W/"…") never matches If-Match; send the strong ETag of the version you last read.');
  if (new Set(strong).size > 1) throw invalid('If-Match', 'If-Match may name one version only');
  return strong[0];
}

export const Meta = createParamDecorator((_data: unknown, ctx: ExecutionContext): RequestMeta => readRequestMeta(ctx.switchToHttp().getRequest<FastifyRequest>()));
