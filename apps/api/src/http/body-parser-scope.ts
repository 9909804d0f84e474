import { AsyncResource, AsyncResourceOptions } from 'node:async_hooks';
import { createRequire } from 'node:module';

/**
 * Fastify 5.11 runs every request body's parser inside an `AsyncResource` and hands the parser a callback
 * made with `resource.bind(onDone)`. On Node 20, `bind` also defines the deprecated `asyncResource` property
 * (DEP0172) on each bound function, building two `util.deprecate` wrappers per request: about 6 % of the API's
 * event-loop samples under `POST /v1/interactions` load. Fastify 5.12 (upstream pull request 7012) calls
 * `resource.runInAsyncScope(onDone, …)` from a plain callback instead: the same async context, the same
 * resource and destroy event, no wrappers. `@nestjs/platform-fastify` 11.2.8 pins fastify 5.11.3, so this
 * applies that change to that one version and nothing else: another version, or a `run` that no longer binds
 * `onDone` this way, is left as it is (`patchedBodyParserScope()` reports which).
 */
const PATCHED_VERSION = '5.11.3';

interface ParserEntry {
  readonly asString?: boolean;
  readonly asBuffer?: boolean;
  readonly fn: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => unknown;
}

interface ContentTypeParserInternals {
  prototype: { run: (contentType: string, handler: Handler, request: FastifyRequestInternals, reply: FastifyReplyInternals) => void; getParser(contentType: string): ParserEntry | undefined };
  [symbol: symbol]: unknown;
}

type Handler = (request: FastifyRequestInternals, reply: FastifyReplyInternals) => void;
type FastifyRequestInternals = Record<string | symbol, unknown> & { is404?: boolean; body?: unknown };
type FastifyReplyInternals = Record<string | symbol, unknown> & { header(name: string, value: string): unknown; send(payload: unknown): unknown };

let patched: boolean | null = null;

/** Applies the change once per process; true when fastify's content-type parser now runs without `bind`. */
export function patchBodyParserScope(): boolean {
  if (patched !== null) return patched;
  patched = false;
  const fromNest = createRequire(require.resolve('@nestjs/platform-fastify'));
  const fastifyRequire = createRequire(fromNest.resolve('fastify'));
  const { version } = fastifyRequire('./package.json') as { version: string };
  const ContentTypeParser = fastifyRequire('./lib/content-type-parser.js') as ContentTypeParserInternals;
  const original = ContentTypeParser.prototype.run;
  if (version !== PATCHED_VERSION || !/const done = resource\.bind\(onDone\)/.test(original.toString())) return false;
  const symbols = fastifyRequire('./lib/symbols.js') as Record<string, symbol>;
  const { FST_ERR_CTP_INVALID_MEDIA_TYPE } = fastifyRequire('./lib/errors.js') as Record<string, new () => Error>;
  const { rawBody } = ContentTypeParser[symbols.kTestInternals] as {
    rawBody: (request: unknown, reply: unknown, options: unknown, parser: ParserEntry, done: (error: Error | null, body?: unknown) => void) => void;
  };
  const { kReplyIsError, kRouteContext, kRequestPayloadStream } = symbols;
  if (!kReplyIsError || !kRouteContext || !kRequestPayloadStream || typeof rawBody !== 'function' || typeof FST_ERR_CTP_INVALID_MEDIA_TYPE !== 'function') return false;

  // Fastify 5.11.3's `run`, but for how `done` enters the resource's scope (as in fastify 5.12).
  ContentTypeParser.prototype.run = function run(contentType, handler, request, reply) {
    const parser = this.getParser(contentType);
    if (parser === undefined) {
      if (request.is404 === true) {
        handler(request, reply);
        return;
      }
      reply[kReplyIsError] = true;
      reply.send(new FST_ERR_CTP_INVALID_MEDIA_TYPE());
      return;
    }
    // As fastify does: the request as options (no triggerAsyncId of its own, so the current one).
    const resource = new AsyncResource('content-type-parser:run', request as AsyncResourceOptions);
    const onDone = (error: Error | null, body?: unknown): void => {
      resource.emitDestroy();
      if (error != null) {
        // The client may still be sending: close the connection after the answer.
        reply.header('connection', 'close');
        reply[kReplyIsError] = true;
        reply.send(error);
        return;
      }
      request.body = body;
      handler(request, reply);
    };
    const done = (error: Error | null, body?: unknown): void => {
      resource.runInAsyncScope(onDone, undefined, error, body);
    };
    if (parser.asString === true || parser.asBuffer === true) {
      rawBody(request, reply, (reply[kRouteContext] as { _parserOptions: unknown })._parserOptions, parser, done);
      return;
    }
    const result = parser.fn(request, request[kRequestPayloadStream], done) as { then?: unknown } | undefined;
    if (result && typeof result.then === 'function') (result as Promise<unknown>).then((body) => done(null, body), done);
  };
  patched = true;
  return true;
}
