import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@civic-ledger/config';
import { json } from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { ApiError } from './api-error';

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
      const forbidden = findForbiddenKey(req.body);
      return next(forbidden ? new ApiError('VALIDATION.FAILED', 'The request is not valid; see errors for each field.', [{ field: forbidden, messages: [`${forbidden} is not allowed`] }]) : undefined);
    });
  }
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Keys that could reach object prototypes when the body is turned into class instances. */
function findForbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > 32 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const nested = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (nested) return `${key}.${nested}`;
  }
  return null;
}

/** Body-parser failures as our own errors, with a detail that says what to do. */
function bodyError(error: unknown): unknown {
  switch ((error as { type?: string }).type) {
    case 'entity.too.large': return new ApiError('REQUEST.TOO_LARGE', 'The request body is larger than the server accepts; send less data.');
    case 'entity.parse.failed': return new ApiError('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON.');
    case 'charset.unsupported':
    case 'encoding.unsupported': return new ApiError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON without content encoding.');
    default: return error;
  }
}
