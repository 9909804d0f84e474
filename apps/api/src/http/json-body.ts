import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError, FieldError } from './api-error';
import { patchBodyParserScope } from './body-parser-scope';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;
const CHARSET = /;\s*charset\s*=\s*"?([^";\s]+)"?/i;

function hasBody(req: FastifyRequest): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

const invalid = (refused: FieldError) => new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', [refused]);
const unsupported = (detail = 'Send the request body as application/json.') => new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', detail);

/**
 * The API's only body parser, as Fastify content-type parsers (so their errors reach the problem+json
 * filter): JSON (application/json or any +json type) up to `limit` bytes, UTF-8 without content coding,
 * an object or array at the top, no prototype keys, no null, at most MAX_BODY_DEPTH levels deep.
 * A request without a body gets `{}` whatever its type; a body of any other type is 415.
 */
export function registerJsonBody(fastify: FastifyInstance, limit: number): void {
  // Each body's parser runs in its request's async scope without two deprecation wrappers per request (fastify 5.12's way).
  patchBodyParserScope();
  fastify.removeAllContentTypeParsers();
  fastify.addContentTypeParser(JSON_TYPE, { parseAs: 'string', bodyLimit: limit }, (req, text, done) => {
    try {
      done(null, parseJsonBody(req, text as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  fastify.addContentTypeParser('*', (req, _payload, done) => {
    if (hasBody(req)) done(unsupported(), undefined);
    else done(null, {});
  });
}

function parseJsonBody(req: FastifyRequest, text: string): unknown {
  const charset = CHARSET.exec(req.headers['content-type'] ?? '')?.[1]?.toLowerCase();
  const coding = req.headers['content-encoding'];
  if ((charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') || (coding !== undefined && coding.toLowerCase() !== 'identity')) {
    throw unsupported('Send the body as UTF-8 JSON without content encoding.');
  }
  if (text.length === 0) return {};
  // Objects and arrays only (a bare string, number or null is not a request body).
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') throw new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    // A parser that recursed too deep (stack exhausted) is answered like any too-deep body.
    if (error instanceof RangeError) throw invalid({ field: '(body)', messages: [`the body is nested deeper than ${MAX_BODY_DEPTH} levels`] });
    throw new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.');
  }
  const refused = inspectBody(body, '', 0);
  if (refused) throw invalid(refused);
  return body;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
/** Deeper than any request body of this API; validators and hashing recurse, so deeper input stops here. */
export const MAX_BODY_DEPTH = 16;

/**
 * What no field of this API accepts, before validators see it: keys that could reach object
 * prototypes, nesting beyond MAX_BODY_DEPTH, and null (an optional field is left out, never null).
 */
function inspectBody(value: unknown, path: string, depth: number): FieldError | null {
  if (value === null) return { field: path, messages: [`${path} must not be null; leave an optional field out`] };
  if (typeof value !== 'object') return null;
  if (depth >= MAX_BODY_DEPTH) return { field: path || '(body)', messages: [`the body is nested deeper than ${MAX_BODY_DEPTH} levels`] };
  for (const key of Object.keys(value)) {
    const field = path ? `${path}.${key}` : key;
    if (FORBIDDEN_KEYS.has(key)) return { field, messages: [`${field} is not allowed`] };
    const nested = inspectBody((value as Record<string, unknown>)[key], field, depth + 1);
    if (nested) return nested;
  }
  return null;
}
