import { generateKeyPairSync, KeyObject, randomUUID } from 'node:crypto';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { exportJWK, SignJWT } from 'jose';
import { Role, ROLES } from '@civic-ledger/application';
import { interaction, letter, person, startTestApp, TestApp } from './support/test-app';

/**
 * Who may do what: every endpoint × every role, written down here independently of the route
 * decorators, so that a change to either shows up as a failure. Every token works for the housing
 * department, where the fixtures live.
 */
const STAFF: Role[] = ['clerk', 'caseworker', 'supervisor'];
const READERS: Role[] = [...STAFF, 'auditor', 'service'];
const CASE: Role[] = ['caseworker', 'supervisor'];
const CORRESPONDENCE_READERS: Role[] = [...CASE, 'auditor', 'service'];
const PRIVACY: Role[] = ['privacy-officer'];

interface Fixtures { party: string; other: string; interaction: string; correspondence: string; firstPosition: number }
interface Endpoint {
  method: 'get' | 'post' | 'delete';
  /** OpenAPI path template, to check that the table covers every route. */
  route: string;
  path: (f: Fixtures, t: TestApp) => Promise<string> | string;
  body?: () => object;
  allowed: Role[];
}

const fresh = async (t: TestApp): Promise<string> => (await t.http.post('/v1/parties').send(person(`Fresh ${randomUUID().slice(0, 8)}`)).expect(201)).body.id;

const ENDPOINTS: Endpoint[] = [
  { method: 'post', route: '/v1/parties', path: () => '/v1/parties', body: () => person('Matrix Person'), allowed: STAFF },
  { method: 'post', route: '/v1/parties/{id}/name-changes', path: (f) => `/v1/parties/${f.party}/name-changes`, body: () => ({ name: { full: `Renamed ${randomUUID().slice(0, 6)}` } }), allowed: STAFF },
  { method: 'post', route: '/v1/parties/{id}/contact-points', path: (f) => `/v1/parties/${f.party}/contact-points`, body: () => ({ kind: 'email', value: `m-${randomUUID().slice(0, 8)}@example.org` }), allowed: STAFF },
  { method: 'delete', route: '/v1/parties/{id}/contact-points/{contactPointId}', path: (f) => `/v1/parties/${f.party}/contact-points/${randomUUID()}`, allowed: STAFF },
  { method: 'post', route: '/v1/parties/{id}/identifiers', path: (f) => `/v1/parties/${f.party}/identifiers`, body: () => ({ scheme: 'client-number', value: randomUUID() }), allowed: STAFF },
  { method: 'post', route: '/v1/parties/{id}/consents', path: (f) => `/v1/parties/${f.party}/consents`, body: () => ({ purpose: 'appointment-reminders', channel: 'sms' }), allowed: [...STAFF, 'privacy-officer'] },
  { method: 'post', route: '/v1/parties/{id}/consents/withdrawals', path: (f) => `/v1/parties/${f.party}/consents/withdrawals`, body: () => ({ purpose: 'appointment-reminders', channel: 'sms' }), allowed: [...STAFF, 'privacy-officer'] },
  { method: 'post', route: '/v1/parties/{id}/relationships', path: (f) => `/v1/parties/${f.party}/relationships`, body: () => ({ kind: 'guardian-of', toPartyId: randomUUID() }), allowed: CASE },
  { method: 'delete', route: '/v1/parties/{id}/relationships/{relationshipId}', path: (f) => `/v1/parties/${f.party}/relationships/${randomUUID()}`, allowed: CASE },
  { method: 'post', route: '/v1/parties/{id}/merges', path: async (_f, t) => `/v1/parties/${await fresh(t)}/merges`, body: () => ({ survivorPartyId: randomUUID(), reason: 'duplicate' }), allowed: ['supervisor'] },
  { method: 'post', route: '/v1/parties/{id}/merges/reversal', path: async (_f, t) => `/v1/parties/${await fresh(t)}/merges/reversal`, body: () => ({ reason: 'mistake' }), allowed: ['supervisor'] },
  { method: 'post', route: '/v1/parties/{id}/erasure', path: async (_f, t) => `/v1/parties/${await fresh(t)}/erasure`, body: () => ({ legalBasis: 'GDPR art. 17' }), allowed: PRIVACY },
  { method: 'post', route: '/v1/parties/{id}/erasure/completion', path: async (_f, t) => `/v1/parties/${await fresh(t)}/erasure/completion`, body: () => ({}), allowed: PRIVACY },
  { method: 'post', route: '/v1/parties/{id}/legal-holds', path: (f) => `/v1/parties/${f.other}/legal-holds`, body: () => ({ reason: 'litigation' }), allowed: PRIVACY },
  { method: 'delete', route: '/v1/parties/{id}/legal-holds/{holdId}', path: (f) => `/v1/parties/${f.other}/legal-holds/${randomUUID()}`, allowed: PRIVACY },
  { method: 'get', route: '/v1/parties', path: () => '/v1/parties?q=matrix', allowed: [...READERS, 'privacy-officer'] },
  { method: 'get', route: '/v1/parties/{id}', path: (f) => `/v1/parties/${f.party}`, allowed: [...READERS, 'privacy-officer'] },
  { method: 'get', route: '/v1/parties/{id}/consents/check', path: (f) => `/v1/parties/${f.party}/consents/check?purpose=appointment-reminders&channel=sms`, allowed: [...STAFF, 'auditor', 'privacy-officer', 'service'] },
  { method: 'get', route: '/v1/parties/{id}/timeline', path: (f) => `/v1/parties/${f.party}/timeline`, allowed: READERS },
  { method: 'get', route: '/v1/parties/{id}/changes', path: (f) => `/v1/parties/${f.party}/changes?from=2020-01-01T00:00:00Z&to=${new Date().toISOString()}`, allowed: ['supervisor', 'auditor'] },
  { method: 'get', route: '/v1/parties/{id}/export', path: (f) => `/v1/parties/${f.party}/export`, allowed: ['auditor', 'privacy-officer'] },
  { method: 'post', route: '/v1/interactions', path: () => '/v1/interactions', body: () => interaction([randomUUID()]), allowed: STAFF },
  { method: 'get', route: '/v1/interactions/{id}', path: (f) => `/v1/interactions/${f.interaction}`, allowed: READERS },
  { method: 'post', route: '/v1/interactions/{id}/amendments', path: (f) => `/v1/interactions/${f.interaction}/amendments`, body: () => ({ changes: { summary: `Amended ${randomUUID().slice(0, 6)}` }, reason: 'typo' }), allowed: STAFF },
  { method: 'post', route: '/v1/interactions/{id}/correspondence-links', path: (f) => `/v1/interactions/${f.interaction}/correspondence-links`, body: () => ({ correspondenceId: randomUUID() }), allowed: CASE },
  { method: 'post', route: '/v1/interactions/{id}/confidentiality', path: (f) => `/v1/interactions/${f.interaction}/confidentiality`, body: () => ({ level: 'normal', reason: 'checked' }), allowed: CASE },
  { method: 'post', route: '/v1/correspondence', path: () => '/v1/correspondence', body: () => letter([randomUUID()], { department: 'housing' }), allowed: STAFF },
  { method: 'get', route: '/v1/correspondence', path: () => '/v1/correspondence', allowed: CORRESPONDENCE_READERS },
  { method: 'get', route: '/v1/correspondence/{id}', path: (f) => `/v1/correspondence/${f.correspondence}`, allowed: CORRESPONDENCE_READERS },
  { method: 'post', route: '/v1/correspondence/{id}/acknowledge', path: (f) => `/v1/correspondence/${f.correspondence}/acknowledge`, body: () => ({}), allowed: CASE },
  { method: 'post', route: '/v1/correspondence/{id}/assign', path: (f) => `/v1/correspondence/${f.correspondence}/assign`, body: () => ({ assigneeId: 'staff-7' }), allowed: CASE },
  { method: 'post', route: '/v1/correspondence/{id}/respond', path: (f) => `/v1/correspondence/${f.correspondence}/respond`, body: () => ({ summary: 'Answered', channel: 'email' }), allowed: CASE },
  { method: 'post', route: '/v1/correspondence/{id}/close', path: (f) => `/v1/correspondence/${f.correspondence}/close`, body: () => ({ resolution: 'resolved' }), allowed: CASE },
  { method: 'post', route: '/v1/correspondence/{id}/reopen', path: (f) => `/v1/correspondence/${f.correspondence}/reopen`, body: () => ({ reason: 'citizen replied' }), allowed: CASE },
  { method: 'get', route: '/v1/access-grants', path: () => '/v1/access-grants', allowed: ['privacy-officer', 'auditor'] },
  { method: 'delete', route: '/v1/parties/{id}/access-grants/{grantId}', path: (f) => `/v1/parties/${f.party}/access-grants/${randomUUID()}`, body: () => ({ reason: 'not justified' }), allowed: PRIVACY },
  { method: 'get', route: '/v1/audit/access', path: (f) => `/v1/audit/access?partyId=${f.party}`, allowed: ['auditor', 'privacy-officer'] },
  { method: 'get', route: '/v1/audit/verify', path: () => '/v1/audit/verify', allowed: ['auditor'] },
  { method: 'post', route: '/v1/audit/checkpoints', path: () => '/v1/audit/checkpoints', body: () => ({}), allowed: ['auditor'] },
  { method: 'get', route: '/v1/audit/checkpoints', path: () => '/v1/audit/checkpoints', allowed: ['auditor', 'service'] },
  { method: 'get', route: '/v1/audit/public-key', path: () => '/v1/audit/public-key', allowed: [...ROLES] },
  { method: 'get', route: '/v1/audit/proofs/inclusion', path: (f) => `/v1/audit/proofs/inclusion?position=${f.firstPosition}`, allowed: ['auditor', 'service'] },
  { method: 'get', route: '/v1/parties/duplicates', path: () => '/v1/parties/duplicates', allowed: ['supervisor'] },
  { method: 'get', route: '/v1/audit/bundles/{id}', path: (f) => `/v1/audit/bundles/${f.party}`, allowed: ['auditor'] },
  { method: 'get', route: '/v1/me', path: () => '/v1/me', allowed: [...ROLES] },
  { method: 'get', route: '/v1/audit/proofs/consistency', path: () => '/v1/audit/proofs/consistency?first=1&second=2', allowed: ['auditor', 'service'] },
];
const PUBLIC_ROUTES = ['get /health/live', 'get /health/ready', 'get /v1/console/config'];

describe('access control', () => {
  let t: TestApp;
  let f: Fixtures;
  const tokens = new Map<Role, string>();
  beforeAll(async () => {
    t = await startTestApp();
    for (const role of ROLES) tokens.set(role, await t.token(role, ['housing'], `${role}-matrix`));
    const party = (await t.http.post('/v1/parties').send(person('Matrix Person', { department: 'housing' })).expect(201)).body.id;
    const other = (await t.http.post('/v1/parties').send(person('Held Person', { department: 'housing' })).expect(201)).body.id;
    const recorded = await t.http.post('/v1/interactions').send(interaction([party])).expect(201);
    const correspondence = (await t.http.post('/v1/correspondence').send(letter([party], { department: 'housing' })).expect(201)).body.id;
    await t.http.post('/v1/audit/checkpoints').send({}).expect(201);
    const firstPosition = (await t.events.readAll({ limit: 1 }))[0].position;
    f = { party, other, interaction: recorded.body.id, correspondence, firstPosition };
    await t.http.get(`/v1/interactions/${f.interaction}`).set('X-Min-Position', recorded.headers['x-ledger-position']).expect(200);
  });
  afterAll(async () => t.close());

  it('has a row for every route the API serves, and nothing else is reachable without a token', async () => {
    const spec = (await t.anonymous.get('/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const served = Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m} ${path}`)).sort();
    const listed = [...ENDPOINTS.map((e) => `${e.method} ${e.route}`), ...PUBLIC_ROUTES].sort();
    expect(served).toEqual(listed);
    for (const route of PUBLIC_ROUTES) await t.anonymous.get(route.split(' ')[1]).expect(200);
    await t.anonymous.get('/docs').expect(200);
  });

  it.each(ENDPOINTS.map((e) => [`${e.method.toUpperCase()} ${e.route}`, e] as const))('%s: 401 without a token, allowed roles pass, the others get 403', async (_name, endpoint) => {
    const send = async (authorization?: string) => {
      const path = await endpoint.path(f, t);
      let req = t.anonymous[endpoint.method](path);
      if (authorization) req = req.set('Authorization', authorization);
      return endpoint.body ? req.send(endpoint.body()) : req;
    };
    const unauthenticated = await send();
    expect({ status: unauthenticated.status, code: unauthenticated.body.code }).toEqual({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
    expect(unauthenticated.headers['www-authenticate']).toMatch(/^Bearer/);
    const outcome: Record<string, string> = {};
    for (const role of ROLES) {
      const res = await send(tokens.get(role));
      outcome[role] = res.status === 403 ? 'denied' : res.status === 401 ? 'unauthenticated' : 'allowed';
      if (res.status === 403) expect(res.body).toMatchObject({ code: 'AUTH.FORBIDDEN', status: 403 });
    }
    expect(outcome).toEqual(Object.fromEntries(ROLES.map((role) => [role, endpoint.allowed.includes(role) ? 'allowed' : 'denied'])));
  });

  describe('departments and confidentiality', () => {
    let sensitive: string;
    let restricted: string;
    let position: string;
    beforeAll(async () => {
      const record = async (level: string) => {
        const res = await t.http.post('/v1/interactions').send(interaction([f.party], { confidentiality: level, summary: `A ${level} matter` })).expect(201);
        position = res.headers['x-ledger-position'];
        return res.body.id as string;
      };
      sensitive = await record('sensitive');
      restricted = await record('restricted');
    });
    const as = (role: Role, departments = ['housing']) => t.token(role, departments, `${role}-${departments.join('+')}`);
    const get = async (path: string, role: Role, departments?: string[]) => t.anonymous.get(path).set('Authorization', await as(role, departments)).set('X-Min-Position', position);
    const ok = async (request: ReturnType<typeof get>) => {
      const res = await request;
      expect(res.status).toBe(200);
      return res;
    };

    it('shows each role only the confidentiality levels it may see, on the interaction and in the timeline', async () => {
      const sees = async (role: Role) => {
        const items = (await ok(get(`/v1/parties/${f.party}/timeline`, role))).body.items as { refId: string; confidentiality: string }[];
        const levels = [...new Set(items.filter((i) => i.refId === sensitive || i.refId === restricted || i.refId === f.interaction).map((i) => i.confidentiality))].sort();
        const direct = await Promise.all([f.interaction, sensitive, restricted].map(async (id) => (await get(`/v1/interactions/${id}`, role)).status));
        return { levels, direct };
      };
      expect(await sees('clerk')).toEqual({ levels: ['normal'], direct: [200, 403, 403] });
      expect(await sees('caseworker')).toEqual({ levels: ['normal', 'sensitive'], direct: [200, 200, 403] });
      expect(await sees('supervisor')).toEqual({ levels: ['normal', 'restricted', 'sensitive'], direct: [200, 200, 200] });
      expect(await sees('auditor')).toEqual({ levels: ['normal', 'restricted', 'sensitive'], direct: [200, 200, 200] });
      expect(await sees('service')).toEqual({ levels: ['normal'], direct: [200, 403, 403] });
      // Contact counts in the view come only from what the reader may see.
      const counts = async (role: Role, departments?: string[]) => (await ok(get(`/v1/parties/${f.party}`, role, departments))).body.interactionCounts;
      expect(await counts('clerk')).toEqual({ phone: 1 });
      expect(await counts('caseworker')).toEqual({ phone: 2 });
      expect(await counts('supervisor')).toEqual({ phone: 3 });
      expect(await counts('auditor')).toEqual({ phone: 3 });
      expect(await counts('supervisor', ['waste', 'housing'])).toEqual({ phone: 3 });
    });

    it('keeps staff to the parties, interactions and correspondence of their departments', async () => {
      expect((await get(`/v1/parties/${f.party}`, 'clerk', ['waste'])).status).toBe(403);
      expect((await get(`/v1/parties/${f.party}/timeline`, 'supervisor', ['waste'])).status).toBe(403);
      expect((await get(`/v1/interactions/${f.interaction}`, 'supervisor', ['waste'])).status).toBe(403);
      expect((await get(`/v1/correspondence/${f.correspondence}`, 'caseworker', ['waste'])).status).toBe(403);
      expect((await ok(get('/v1/parties?q=held%20person', 'clerk', ['waste']))).body.items).toEqual([]);
      expect((await ok(get('/v1/parties?q=held%20person', 'clerk', ['housing']))).body.items.map((p: { id: string }) => p.id)).toContain(f.other);
      expect((await ok(get('/v1/correspondence', 'caseworker', ['waste']))).body.items).toEqual([]);
      expect((await ok(get('/v1/correspondence', 'caseworker', ['housing']))).body.items.map((c: { id: string }) => c.id)).toContain(f.correspondence);
      // Body-wide roles are not limited to departments.
      expect((await get(`/v1/parties/${f.party}`, 'auditor', [])).status).toBe(200);
      // A clerk's view leaves out correspondence; a caseworker's keeps it.
      expect((await ok(get(`/v1/parties/${f.party}`, 'clerk'))).body.openCorrespondence).toEqual([]);
      expect((await ok(get(`/v1/parties/${f.party}`, 'caseworker'))).body.openCorrespondence.map((c: { id: string }) => c.id)).toContain(f.correspondence);
      // Records are made for one's own departments only.
      const waste = await t.anonymous.post('/v1/interactions').set('Authorization', await as('clerk')).send(interaction([f.party], { department: 'waste' }));
      expect(waste.status).toBe(403);
      // Another department reaches a party it does not hold only by breaking the glass, with a reason.
      const silent = await t.anonymous.post('/v1/interactions').set('Authorization', await as('clerk', ['waste'])).send(interaction([f.party], { department: 'waste' }));
      expect(silent.status).toBe(403);
      expect(silent.body.code).toBe('AUTH.BREAK_GLASS_REQUIRED');
      const visit = await t.anonymous.post('/v1/interactions').set('Authorization', await as('clerk', ['waste']))
        .send(interaction([f.party], { department: 'waste', breakGlass: { reason: 'Citizen at the waste counter' } })).expect(201);
      await t.anonymous.get(`/v1/parties/${f.party}`).set('Authorization', await as('clerk', ['waste'])).set('X-Min-Position', visit.headers['x-ledger-position']).expect(200);
    });

    it('lets only supervisors and auditors replay a record as it was known', async () => {
      const asOf = `/v1/parties/${f.party}?asOf=${new Date().toISOString()}`;
      expect((await get(asOf, 'clerk')).status).toBe(403);
      expect((await get(asOf, 'caseworker')).status).toBe(403);
      expect((await get(asOf, 'supervisor')).status).toBe(200);
      expect((await get(asOf, 'auditor')).status).toBe(200);
    });

    it('records the token subject as the actor, whatever headers say', async () => {
      const res = await t.anonymous.post('/v1/parties').set('Authorization', await as('clerk')).set('X-Actor', 'someone-else').send(person('Actor Check')).expect(201);
      const [event] = await t.events.readStream(`party-${res.body.id}`, { limit: 1 });
      expect(event.actor).toBe('clerk-housing');
      expect(event.data).toMatchObject({ department: 'housing' });
    });
  });

  describe('tokens', () => {
    it('refuses tokens from another issuer key, expired tokens and tokens without a role', async () => {
      const foreignKey = generateKeyPairSync('ed25519').privateKey;
      const sign = (claims: object, key = foreignKey, expires = '1h') => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA' }).setSubject('mallory')
        .setIssuer(t.config.auth.issuer).setAudience(t.config.auth.audience).setIssuedAt().setExpirationTime(expires).sign(key);
      const call = (token: string) => t.anonymous.get('/v1/parties?q=a').set('Authorization', `Bearer ${token}`);
      expect((await call(await sign({ role: 'auditor' }))).body).toMatchObject({ status: 401, code: 'AUTH.UNAUTHENTICATED' });
      const ownKey = (await import('@civic-ledger/composition')).loadLocalIssuerKey(t.config);
      expect((await call(await sign({ role: 'auditor' }, ownKey, '-1h'))).body).toMatchObject({ status: 401, detail: expect.stringContaining('expired') });
      expect((await call(await sign({ role: 'mayor' }, ownKey))).body).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
      expect((await call(await sign({ roles: ['mayor', 'auditor'] }, ownKey))).status).toBe(200);
      expect((await t.anonymous.get('/v1/parties?q=a').set('Authorization', 'Basic dXNlcjpwYXNz')).status).toBe(401);
    });
  });
});

describe('tokens from an OIDC issuer (AUTH_JWKS_URL)', () => {
  let t: TestApp;
  let server: Server;
  const idp = generateKeyPairSync('ed25519');
  beforeAll(async () => {
    const jwk = { ...(await exportJWK(idp.publicKey)), kid: 'idp-key-1', alg: 'EdDSA', use: 'sig' };
    server = createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    t = await startTestApp({ AUTH_JWKS_URL: `http://127.0.0.1:${port}/jwks`, AUTH_ISSUER: 'https://idp.example', AUTH_AUDIENCE: 'civic-ledger-api' });
  });
  afterAll(async () => {
    await t.close();
    server.close();
  });

  const sign = (claims: object, options: { issuer?: string; key?: KeyObject } = {}) => new SignJWT({ ...claims }).setProtectedHeader({ alg: 'EdDSA', kid: 'idp-key-1' })
    .setSubject('jane@council.example').setIssuer(options.issuer ?? 'https://idp.example').setAudience('civic-ledger-api').setIssuedAt().setExpirationTime('5m')
    .sign(options.key ?? idp.privateKey);

  it('accepts the issuer\'s tokens and refuses the embedded issuer\'s and other issuers\'', async () => {
    const call = async (token: string) => (await t.anonymous.get('/v1/audit/public-key').set('Authorization', `Bearer ${token}`)).status;
    expect(await call(await sign({ roles: ['auditor'] }))).toBe(200);
    expect(await call(await sign({ roles: ['auditor'] }, { issuer: 'https://elsewhere.example' }))).toBe(401);
    expect(await call(await sign({ roles: ['auditor'] }, { key: generateKeyPairSync('ed25519').privateKey }))).toBe(401);
    expect(await call((await t.token('auditor')).slice('Bearer '.length))).toBe(401);
  });
});
