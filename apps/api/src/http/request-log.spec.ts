import fastify, { FastifyInstance } from 'fastify';
import { LogLevel } from '@civic-ledger/config';
import { registerRequestLog } from './request-log';

/** What the sink was given, write by write, once the turn that answered has ended. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

async function server(level: LogLevel, lines: string[]): Promise<FastifyInstance> {
  const app = fastify({ genReqId: () => 'req-1' });
  registerRequestLog(app, level, { write: (text: string) => lines.push(...text.split(/(?<=\n)/)) });
  app.get('/v1/parties', async () => ({ items: [] }));
  app.get('/boom', async (_req, reply) => reply.status(503).send({}));
  await app.ready();
  return app;
}

describe('request log', () => {
  it('writes one pino-shaped JSON line per answered request: id, method, path without the query, status, time', async () => {
    const lines: string[] = [];
    const app = await server('info', lines);
    await app.inject({ method: 'GET', url: '/v1/parties?q=Ada%20Lovelace&email=ada%40example.org', headers: { 'x-secret': 'Ada' } });
    await nextTurn();
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    const line = JSON.parse(lines[0]);
    expect(line).toEqual({
      level: 30, time: expect.any(Number), pid: process.pid, hostname: expect.any(String), req: { id: 'req-1', method: 'GET', path: '/v1/parties' },
      service: 'civic-ledger', res: { statusCode: 200 }, responseTime: expect.any(Number), msg: 'request completed',
    });
    expect(lines[0]).not.toMatch(/Ada|example\.org|x-secret/i);
    await app.close();
  });

  it('logs a server failure at error level, and keeps quiet below the configured level', async () => {
    const atInfo: string[] = [];
    const info = await server('info', atInfo);
    await info.inject({ method: 'GET', url: '/boom' });
    await nextTurn();
    expect(JSON.parse(atInfo[0])).toMatchObject({ level: 50, res: { statusCode: 503 } });
    const atError: string[] = [];
    const error = await server('error', atError);
    await error.inject({ method: 'GET', url: '/v1/parties' });
    await error.inject({ method: 'GET', url: '/boom' });
    await nextTurn();
    expect(atError.map((l) => JSON.parse(l).res.statusCode)).toEqual([503]);
    const silent: string[] = [];
    const none = await server('silent', silent);
    await none.inject({ method: 'GET', url: '/boom' });
    await nextTurn();
    expect(silent).toEqual([]);
    await Promise.all([info.close(), error.close(), none.close()]);
  });

  it('writes the lines of one event-loop turn with one write, and what is pending when the server closes', async () => {
    const writes: string[] = [];
    const app = fastify({ genReqId: () => 'req-1' });
    registerRequestLog(app, 'info', { write: (text: string) => writes.push(text) });
    app.get('/v1/parties', async () => ({ items: [] }));
    await app.ready();
    await Promise.all([1, 2, 3].map(() => app.inject({ method: 'GET', url: '/v1/parties' })));
    await nextTurn();
    expect(writes).toHaveLength(1);
    expect(writes[0].split('\n').filter(Boolean).map((l) => JSON.parse(l).res.statusCode)).toEqual([200, 200, 200]);
    await app.inject({ method: 'GET', url: '/v1/parties' });
    await app.close();
    expect(writes).toHaveLength(2);
  });
});
