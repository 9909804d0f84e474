import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import { sendProblem, toProblem } from './problem-details.filter';
import { pathOf } from './request-path';

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
 * 204 with Allow. Paths come from the OpenAPI document, so the two cannot disagree. Only requests the
 * router found no route for are looked at, so a served route pays nothing for it.
 */
export function registerMethodNotAllowed(fastify: FastifyInstance, paths: Record<string, Record<string, unknown>>): void {
  const resources = resourcesOf(paths);
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    if (!req.is404) return done();
    const path = pathOf(req);
    const resource = resources.find((r) => r.pattern.test(path));
    if (!resource || (resource.allow.includes(req.method) && req.method !== 'OPTIONS')) return done();
    reply.header('Allow', resource.allow.join(', '));
    if (req.method === 'OPTIONS') {
      reply.status(204).send();
      return;
    }
    const body = toProblem(new ApiError('METHOD.NOT_ALLOWED', `${req.method} is not supported here; this resource allows ${resource.allow.join(', ')}.`));
    body.instance = path;
    sendProblem(reply, body);
  });
}
