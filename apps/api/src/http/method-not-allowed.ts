import type { NextFunction, Request, Response } from 'express';
import { ApiError } from './api-error';
import { toProblem } from './problem-details.filter';

interface Resource {
  readonly pattern: RegExp;
  readonly allow: readonly string[];
}

/** Routes the server has but the document does not describe (Swagger UI and the document itself). */
const UNDOCUMENTED: Record<string, string[]> = { '/openapi.json': ['get'], '/docs': ['get'] };

const ORDER = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];

function resourcesOf(paths: Record<string, Record<string, unknown>>): Resource[] {
  return Object.entries({ ...UNDOCUMENTED, ...Object.fromEntries(Object.entries(paths).map(([p, ops]) => [p, Object.keys(ops)])) }).map(([path, methods]) => {
    const source = path.split(/\{[^}]+\}/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+');
    const declared = methods.map((m) => m.toUpperCase());
    const allow = ORDER.filter((m) => declared.includes(m) || (m === 'HEAD' && declared.includes('GET')) || m === 'OPTIONS');
    return { pattern: new RegExp(`^${source}/?$`, 'i'), allow };
  });
}

/**
 * A method a resource does not support answers 405 with Allow (RFC 9110), not 404; OPTIONS answers
 * 204 with Allow. Paths come from the OpenAPI document, so the two cannot disagree.
 */
export function methodNotAllowed(paths: Record<string, Record<string, unknown>>) {
  const resources = resourcesOf(paths);
  return (req: Request, res: Response, next: NextFunction): void => {
    const resource = resources.find((r) => r.pattern.test(req.path));
    if (!resource || resource.allow.includes(req.method)) {
      if (resource && req.method === 'OPTIONS') {
        res.setHeader('Allow', resource.allow.join(', '));
        res.status(204).end();
        return;
      }
      next();
      return;
    }
    const body = toProblem(new ApiError('METHOD.NOT_ALLOWED', `${req.method} is not supported here; this resource allows ${resource.allow.join(', ')}.`));
    body.instance = req.path;
    res.setHeader('Allow', resource.allow.join(', '));
    res.status(405).type('application/problem+json').send(JSON.stringify(body));
  };
}
