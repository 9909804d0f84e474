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
 * The header sets by kind of response: `api` for the JSON API (every response but the two below, problem
 * answers included), `console` for the staff console's page and files, `docs` for the Swagger UI's page and
 * files (helmet's default policy: its scripts and styles come from the origin).
 */
export interface SecurityHeaderSets {
  readonly api: HeaderSet;
  readonly console: HeaderSet;
  readonly docs: HeaderSet;
}

/**
 * A JSON response is never a page: it gets the headers that keep it from being framed, sniffed, read across
 * origins, fetched over plain HTTP or kept in a cache — the set OWASP's REST security guidance names for API
 * responses (`Cache-Control: no-store`: answers carry personal data; a route that may be cached says so itself),
 * and Cross-Origin-Resource-Policy — with a CSP that lets nothing load or run should a browser open it as a
 * document (`default-src 'none'`, stricter than the console's). The others apply to pages only (COOP,
 * Origin-Agent-Cluster, the referrer policy of what a page fetches, DNS prefetch, IE's download and XSS-auditor
 * switches, Adobe's cross-domain policy files); each header costs every answer about half a microsecond (Node
 * validates and writes it) and the client the time to parse it.
 */
export const API_HELMET: Readonly<HelmetOptions> = {
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: 'deny' },
  crossOriginOpenerPolicy: false,
  originAgentCluster: false,
  referrerPolicy: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xXssProtection: false,
};

/** The JSON API's set: helmet's headers for API_HELMET, and no caching. */
export function apiHeaders(): HeaderSet {
  return { ...helmetHeaders(API_HELMET), 'Cache-Control': 'no-store' };
}

/** Paths of the console's files and the Swagger UI; routes match case-insensitively (ADR 0015), so these do too. */
const CONSOLE_PATH = /^\/(?:console(?:[/?#]|$)|favicon\.ico(?:[?#]|$))/i;
const DOCS_PATH = /^\/docs(?:[/?#]|$)/i;

/** Security headers on every response, by the kind of response the path serves (SecurityHeaderSets). */
export function registerSecurityHeaders(fastify: FastifyInstance, sets: SecurityHeaderSets): void {
  fastify.addHook('onRequest', (req: FastifyRequest, reply: FastifyReply, done: () => void) => {
    const url = req.url;
    // Most requests are the API's: one character code tells them apart from the console's and the docs' paths.
    const code = url.charCodeAt(1) | 0x20;
    reply.headers(code === 0x63 /* c */ || code === 0x66 /* f */ || code === 0x64 /* d */
      ? (CONSOLE_PATH.test(url) ? sets.console : DOCS_PATH.test(url) ? sets.docs : sets.api)
      : sets.api);
    done();
  });
}
