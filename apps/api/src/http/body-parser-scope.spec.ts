import { AsyncLocalStorage, createHook } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { FastifyInstance } from 'fastify';
import { API_ERROR_STATUS, ApiError } from './api-error';
import { patchBodyParserScope } from './body-parser-scope';
import { registerJsonBody } from './json-body';

// The fastify Nest runs on (the one the API's adapter creates).
const fastifyOfNest = createRequire(require.resolve('@nestjs/platform-fastify'))('fastify') as (options?: object) => FastifyInstance;

describe('body parser scope (fastify 5.12 content-type parser run on 5.11.3)', () => {
  let app: FastifyInstance;
  const store = new AsyncLocalStorage<string>();

  beforeAll(async () => {
    expect(patchBodyParserScope()).toBe(true);
    app = fastifyOfNest({ bodyLimit: 64 });
    registerJsonBody(app, 64);
    app.addHook('onRequest', (req, _reply, done) => store.run(String(req.headers['x-tag']), done));
    app.post('/echo', async (req) => ({ body: req.body, tag: store.getStore() ?? null }));
    app.setErrorHandler((error: Error & { code?: string; statusCode?: number }, _req, reply) => {
      const status = error instanceof ApiError ? API_ERROR_STATUS[error.code] : error.statusCode ?? 500;
      void reply.status(status).send({ code: error.code });
    });
    await app.ready();
  });
  afterAll(() => app.close());

  const post = (payload: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
    app.inject({ method: 'POST', url: '/echo', payload, headers: { 'x-tag': 'request-7', ...headers } });

  it('is applied once, and only to the pinned version', () => {
    expect(patchBodyParserScope()).toBe(true);
  });

  it('hands the parsed body to the handler inside the request’s async context', async () => {
    const res = await post('{"a":[1,2]}');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ body: { a: [1, 2] }, tag: 'request-7' });
  });

  it('emits the parser resource’s init and destroy, as fastify does', async () => {
    const seen: string[] = [];
    const ids = new Set<number>();
    const hook = createHook({
      init: (id, type) => { if (type === 'content-type-parser:run') { ids.add(id); seen.push('init'); } },
      destroy: (id) => { if (ids.has(id)) seen.push('destroy'); },
    }).enable();
    try {
      expect((await post('{}')).statusCode).toBe(200);
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      hook.disable();
    }
    expect(seen).toEqual(['init', 'destroy']);
  });

  it('still refuses what the parsers refuse, closing the connection after a refused body', async () => {
    const malformed = await post('{"a":');
    expect([malformed.statusCode, malformed.json(), malformed.headers.connection]).toEqual([400, { code: 'REQUEST.MALFORMED_JSON' }, 'close']);
    const tooLarge = await post(JSON.stringify({ a: 'x'.repeat(100) }));
    expect([tooLarge.statusCode, tooLarge.json(), tooLarge.headers.connection]).toEqual([413, { code: 'FST_ERR_CTP_BODY_TOO_LARGE' }, 'close']);
    const form = await post('a=1', { 'content-type': 'application/x-www-form-urlencoded' });
    expect([form.statusCode, form.json()]).toEqual([415, { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' }]);
  });
});
