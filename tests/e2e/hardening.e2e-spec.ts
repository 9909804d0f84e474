import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcess } from 'node:child_process';
import { freePort, killHard, startServerProcess } from './support/server-process';
import { interaction, person, staffHeaders, startTestApp, TestApp } from './support/test-app';
import { until } from './support/until';

describe('hardening', () => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp({ RATE_LIMIT_PER_MINUTE: '5' }); });
  afterAll(async () => t.close());

  it('sends security headers and no CORS headers unless origins are configured', async () => {
    const res = await t.http.get('/health/live').set('Origin', 'https://evil.example').expect(200);
    expect(res.headers).not.toHaveProperty('access-control-allow-origin');
    expect(res.headers).not.toHaveProperty('x-powered-by');
    // The Swagger UI's page and files: helmet's default policy (its scripts and styles come from /docs).
    const docs = await t.http.get('/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("script-src 'self'");
    expect(docs.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
  });

  it('gives JSON answers, problems included, headers that let nothing load, frame or sniff them, and the console page its own CSP', async () => {
    const api = {
      'content-security-policy': "default-src 'none';frame-ancestors 'none'", 'x-frame-options': 'DENY', 'x-content-type-options': 'nosniff',
      'cross-origin-resource-policy': 'same-origin', 'strict-transport-security': 'max-age=31536000; includeSubDomains', 'cache-control': 'no-store',
    };
    for (const path of ['/health/live', '/v1/parties', '/openapi.json', '/no-such-route', '/DOCSX', '/favicon.ico.json', '/consolex']) {
      const res = await t.anonymous.get(path);
      expect({ path, headers: res.headers }).toMatchObject({ path, headers: api });
      // Headers for pages only are not sent with JSON.
      expect({ path, coop: res.headers['cross-origin-opener-policy'], referrer: res.headers['referrer-policy'] }).toEqual({ path, coop: undefined, referrer: undefined });
    }
    // A URL that cannot be decoded is answered before any route or hook: a problem, with the same headers.
    for (const path of ['/%', '/v1/parties/%zz']) {
      const bad = await t.anonymous.get(path).expect(400);
      expect({ path, type: bad.headers['content-type'], code: bad.body.code, headers: bad.headers }).toMatchObject({ path, type: expect.stringMatching(/^application\/problem\+json/), code: 'VALIDATION.FAILED', headers: api });
    }
    // A file that may be cached says so itself.
    expect((await t.anonymous.get('/favicon.ico').expect(200)).headers['cache-control']).toBe('public, max-age=86400');
    // The console's page (any case: routes match case-insensitively) is a document with scripts of its own.
    for (const path of ['/console', '/CONSOLE/parties/x', '/console/']) {
      const page = await t.anonymous.get(path).expect(200);
      expect({ path, csp: page.headers['content-security-policy'] }).toEqual({ path, csp: expect.stringContaining("default-src 'self'") });
      expect(page.headers).toMatchObject({ 'x-frame-options': 'SAMEORIGIN', 'cross-origin-opener-policy': 'same-origin', 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer' });
    }
  });

  it('limits requests per client with a 429 problem, but never health checks', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1) statuses.push((await t.http.get('/v1/correspondence')).status);
    expect(statuses.slice(0, 5)).toEqual([200, 200, 200, 200, 200]);
    const limited = await t.http.get('/v1/correspondence').expect(429);
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', status: 429 });
    expect(limited.headers['content-type']).toMatch(/application\/problem\+json/);
    for (let i = 0; i < 10; i += 1) await t.http.get('/health/ready').expect(200);
  });
});

describe('logs', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-logs-'));
  let server: ChildProcess | null = null;
  afterAll(async () => {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('carry requests and errors but no personal data, even at debug level', async () => {
    let logs = '';
    const port = await freePort();
    server = await startServerProcess(dataDir, port, { LOG_LEVEL: 'debug' }, (text) => { logs += text; });
    const base = `http://127.0.0.1:${port}`;
    const { supervisor } = await staffHeaders(dataDir);
    const send = (path: string, body?: unknown) => fetch(`${base}${path}`, body === undefined ? { headers: supervisor } : { method: 'POST', headers: { ...supervisor, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const name = 'Xanthippe Quenby-Vorster';
    const created = await (await send('/v1/parties', person(name, { contactPoints: [{ kind: 'email', value: 'xanthippe.q@private.example' }, { kind: 'phone', value: '+447911987654' }] }))).json() as { id: string };
    await send('/v1/interactions', interaction([created.id], { summary: 'Xanthippe disclosed a medical condition' }));
    await send(`/v1/parties?q=${encodeURIComponent('xanthippe quenby')}`);
    await send('/v1/parties?email=xanthippe.q%40private.example');
    await send(`/v1/parties/${created.id}`);
    await send(`/v1/parties/${created.id}/timeline`);
    await send('/v1/parties', { kind: 'person', name: { full: name }, birthDate: 'Xanthippe-1' }); // refused: 400
    await send('/v1/interactions', '{"summary": "Xanthippe'); // malformed
    // The server logs each request once answered; its output reaches us in order, so the last request's line means all are in.
    await fetch(`${base}/v1/parties/${created.id}`, { headers: { ...supervisor, 'x-request-id': 'hardening-last' } });
    await until(() => /"id":"hardening-last".*"statusCode":\d+/.test(logs), 'the last request in the server log');
    expect(logs).toMatch(/"path":"\/v1\/parties"/);
    expect(logs).toMatch(/"statusCode":400/);
    for (const secret of ['Xanthippe', 'xanthippe', 'Quenby', 'private.example', '7911987654', 'medical']) expect(logs).not.toContain(secret);
  });
});
