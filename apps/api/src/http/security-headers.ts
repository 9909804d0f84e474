import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { HelmetOptions } from 'helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

export type HeaderSet = Readonly<Record<string, string>>;

/**
 * The headers helmet sets with these options. Helmet's headers depend on its options only (no CSP
 * nonces or directive functions here), so they are computed once and copied onto each response
 * instead of running helmet per request.
 */
export function helmetHeaders(options?: Readonly<HelmetOptions>): HeaderSet {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => { headers[name] = Array.isArray(value) ? value.join(', ') : String(value); },
    removeHeader: (name: string) => { delete headers[name]; },
  };
  let failed: unknown = null;
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (error?: unknown) => { failed = error ?? null; });
  if (failed) throw failed;
  return headers;
}

/**
 * Security headers on every response, the problem answers included: the strict set for the JSON API,
 * `docs` for the Swagger UI page (it needs its scripts and styles, so no CSP there).
 */
export function registerSecurityHeaders(fastify: FastifyInstance, strict: HeaderSet, docs: HeaderSet): void {
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    reply.headers(req.url.startsWith('/docs') ? docs : strict);
    done();
  });
}
