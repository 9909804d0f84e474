import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError, FieldError } from './api-error';

const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

/**
 * Parses JSON bodies with a size limit. Runs as Nest middleware so that its errors (413, 400, 415)
 * reach the problem+json filter.
 */
@Injectable()
export class JsonBodyMiddleware implements NestMiddleware {
  private readonly parse: RequestHandler;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.parse = json({ limit: config.bodyLimitBytes, strict: true, type: () => true });
  }

  use(req: Request, res: Response, next: NextFunction): void {
    if (!hasBody(req)) {
      req.body = {};
      next();
      return;
    }
    if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) {
      next(new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.'));
      return;
    }
    this.parse(req, res, (error?: unknown) => {
      if (error !== undefined) return next(bodyError(error));
      const refused = inspectBody(req.body, '', 0);
      return next(refused ? new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', [refused]) : undefined);
    });
  }
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

/** Body-parser failures as our own errors, with a detail that says what to do. */
function bodyError(error: unknown): unknown {
  // A parser that recursed too deep (stack exhausted) is answered like any too-deep body.
  if (error instanceof RangeError) return new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', [{ field: '(body)', messages: [`the body is nested deeper than ${MAX_BODY_DEPTH} levels`] }]);
  switch ((error as { type?: string }).type) {
    case 'entity.too.large': return new ApiError('REQUEST.TOO_LARGE', 'The request body is larger than the server accepts; send less data.');
    case 'entity.parse.failed': return new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'charset.unsupported':
    case 'encoding.unsupported': return new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON without content encoding.');
    default: return error;
  }
}
