import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ACTION_ROLES, Action } from '@civic-ledger/application';
import { AccessRecorder } from '../../apps/api/src/auth/access-recorder';
import { person, readStoreVariants, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
/** The built CLI (npm run build first). */
const CLI = join(__dirname, '..', '..', 'bin', 'civic-ledger');
const verifyBundle = (file: string) => run(process.execPath, [CLI, 'verify-bundle', file, '--json'], { env: { PATH: process.env.PATH } })
  .then(({ stdout }) => ({ code: 0, report: JSON.parse(stdout) }), (e: { code: number; stdout: string }) => ({ code: e.code, report: JSON.parse(e.stdout) }));

/** The API the staff console builds on: who am I, search listings, duplicates, bundles, console settings. */
describe.each(readStoreVariants())('the console API (%s)', (_variant, env) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(env);
  });
  afterAll(async () => t.close());

  describe('GET /v1/me', () => {
    it('names the principal and exactly the actions its role may take (from the policy)', async () => {
      const res = await t.anonymous.get('/v1/me').set('Authorization', await t.token('clerk', ['housing'], 'alice@housing')).expect(200);
      const clerkActions = (Object.keys(ACTION_ROLES) as Action[]).filter((a) => (ACTION_ROLES[a] as readonly string[]).includes('clerk')).sort();
      expect(res.body).toEqual({
        subject: 'alice@housing', role: 'clerk', departments: ['housing'], allDepartments: false, confidentiality: ['normal'], actions: clerkActions,
        expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/),
      });
      expect(res.body.actions).not.toContain('party.merge');
      expect(Date.parse(res.body.expiresAt)).toBeGreaterThan(Date.now());
    });

    it('answers an auditor as body-wide, and refuses without a token (401 problem)', async () => {
      const res = await t.anonymous.get('/v1/me').set('Authorization', await t.token('auditor')).expect(200);
      expect(res.body).toMatchObject({ role: 'auditor', allDepartments: true, confidentiality: ['normal', 'sensitive', 'restricted'] });
      expect(res.body.actions).toContain('party.bundle');
      const anonymous = await t.anonymous.get('/v1/me').expect(401);
      expect(anonymous.headers['content-type']).toMatch(/application\/problem\+json/);
    });
  });

  describe('search', () => {
    it('records one "listed" entry per search naming the parties it showed, told apart from opening a record', async () => {
      const name = `Listed ${randomUUID().slice(0, 6)}`;
      const ids: string[] = [];
      for (const email of ['ada@example.org', 'bea@example.net', undefined]) {
        const body = person(name, email ? { contactPoints: [{ kind: 'email', value: email }] } : {});
        ids.push((await t.http.post('/v1/parties').send(body).expect(201)).body.id);
      }
      const head = String(await t.events.headPosition());
      const clerk = await t.token('clerk', ['housing', 'waste', 'benefits', 'social-care'], `searcher-${name.slice(-6)}`);
      const before = await t.events.headPosition();
      const found = await t.anonymous.get(`/v1/parties?q=${encodeURIComponent(name)}`).set('Authorization', clerk).set('X-Min-Position', head).set('X-Purpose', 'counter').expect(200);
      expect(found.body.items.map((p: { id: string }) => p.id).sort()).toEqual([...ids].sort());
      expect(found.body.items.map((p: { hint: string | null }) => p.hint).sort()).toEqual(['a•••@example.org', 'b•••@example.net', null].sort());
      await t.anonymous.get(`/v1/parties/${ids[0]}`).set('Authorization', clerk).expect(200);
      await t.app.get(AccessRecorder).log.flush();

      // In the ledger: one entry for the search (all three parties), one for the view.
      const entries = (await t.events.readAll({ fromPosition: before })).filter((e) => e.type === 'PartyRecordsAccessed').flatMap((e) => (e.data as { accesses: object[] }).accesses);
      expect(entries).toEqual([
        expect.objectContaining({ access: 'listed', partyIds: expect.arrayContaining(ids), endpoint: 'search', purpose: 'counter' }),
        expect.objectContaining({ partyId: ids[0], endpoint: 'view' }),
      ]);
      expect((entries[0] as { partyIds: string[] }).partyIds).toHaveLength(3);

      const now = String(await t.events.headPosition());
      const whoLooked = (await t.http.get(`/v1/audit/access?partyId=${ids[0]}`).set('X-Min-Position', now).expect(200)).body.items;
      expect(whoLooked.map((e: { access: string; endpoint: string }) => [e.access, e.endpoint]).sort()).toEqual([['listed', 'search'], ['viewed', 'view']]);
      expect(whoLooked.find((e: { access: string }) => e.access === 'listed').listing).toEqual({ id: expect.any(String), parties: 3 });
      const viewed = (await t.http.get(`/v1/audit/access?partyId=${ids[0]}&access=viewed`).expect(200)).body.items;
      expect(viewed.map((e: { endpoint: string }) => e.endpoint)).toEqual(['view']);
      const listedOnly = (await t.http.get(`/v1/audit/access?partyId=${ids[1]}&access=listed`).expect(200)).body.items;
      expect(listedOnly).toEqual([expect.objectContaining({ access: 'listed', endpoint: 'search' })]);
      expect((await t.http.get(`/v1/audit/access?partyId=${ids[1]}&access=viewed`).expect(200)).body.items).toEqual([]);
      await t.http.get(`/v1/audit/access?partyId=${ids[1]}&access=seen`).expect(400);
    });

    it('gives the hint of the kind searched for, and no hint on a stub held by another department', async () => {
      const email = `hint-${randomUUID().slice(0, 6)}@example.org`;
      const body = person('Hinted Person', { contactPoints: [{ kind: 'phone', value: '+44 20 7946 0123' }, { kind: 'email', value: email }] });
      const created = await t.http.post('/v1/parties').send(body).expect(201);
      const head = created.headers['x-ledger-position'];
      const byPhone = await t.anonymous.get('/v1/parties?phone=020%207946%200123').set('Authorization', await t.token('clerk')).set('X-Min-Position', head).expect(200);
      expect(byPhone.body.items.find((p: { id: string }) => p.id === created.body.id).hint).toBe('••• ••• 0123');
      const elsewhere = await t.anonymous.get(`/v1/parties?email=${email}`).set('Authorization', await t.token('clerk', ['no-such-department'])).expect(200);
      expect(elsewhere.body.items).toEqual([{ id: created.body.id, heldByAnotherDepartment: true }]);
    });
  });

  describe('GET /v1/parties/duplicates', () => {
    it('lists parties sharing an exact e-mail, phone or identifier that the supervisor sees; merged ones drop out', async () => {
      const email = `dup-${randomUUID().slice(0, 6)}@example.org`;
      const asHousing = await t.token('supervisor', ['housing'], 'dup-sup');
      const register = async (name: string, department: string, extra: object) =>
        (await t.anonymous.post('/v1/parties').set('Authorization', await t.token('supervisor', [department])).send(person(name, { department, ...extra })).expect(201));
      const a = (await register('Dup One', 'housing', { contactPoints: [{ kind: 'email', value: email }] })).body.id;
      const b = (await register('Dup Two', 'housing', { contactPoints: [{ kind: 'email', value: email.toUpperCase() }] })).body.id;
      const c = await register('Dup Three', 'waste', { contactPoints: [{ kind: 'email', value: email }] });
      const mine = async () => {
        const res = await t.anonymous.get('/v1/parties/duplicates?limit=200').set('Authorization', asHousing).set('X-Min-Position', String(await t.events.headPosition())).expect(200);
        return (res.body.items as { key: string; hint: string; parties: { id: string }[] }[]).filter((i) => i.parties.some((p) => [a, b].includes(p.id)));
      };
      expect(await mine()).toEqual([{ key: 'email', hint: `d•••@example.org`, parties: [a, b].sort().map((id) => ({ id, displayName: id === a ? 'Dup One' : 'Dup Two' })) }]);
      expect(JSON.stringify(await mine())).not.toContain(c.body.id);
      await t.anonymous.get('/v1/parties/duplicates').set('Authorization', await t.token('caseworker')).expect(403);
      await t.anonymous.post(`/v1/parties/${b}/merges`).set('Authorization', asHousing).send({ survivorPartyId: a, reason: 'duplicate' }).expect(201);
      expect(await mine()).toEqual([]);
    });
  });

  describe('GET /v1/audit/bundles/{partyId}', () => {
    it('downloads a bundle that `civic-ledger verify-bundle` accepts offline, and that fails once tampered with; recorded as a look', async () => {
      const created = await t.http.post('/v1/parties').send(person('Bundled Person', { contactPoints: [{ kind: 'email', value: 'bundled@example.org' }] })).expect(201);
      const id = created.body.id as string;
      await t.http.post('/v1/interactions').send({
        channel: 'phone', direction: 'inbound', occurredAt: '2024-03-01T10:00:00Z', partyIds: [id], department: 'housing', topics: ['repairs'], summary: 'Boiler broken',
      }).expect(201);
      const head = String(await t.events.headPosition());
      const res = await t.anonymous.get(`/v1/audit/bundles/${id}`).set('Authorization', await t.token('auditor', [], 'bundle-auditor')).set('X-Min-Position', head).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers['content-disposition']).toBe(`attachment; filename="party-${id}.bundle.json"`);
      expect(res.body.format).toBe('civic-ledger-bundle/1');

      const dir = mkdtempSync(join(tmpdir(), 'cl-bundle-'));
      try {
        const file = join(dir, 'bundle.json');
        writeFileSync(file, res.text);
        expect(await verifyBundle(file)).toEqual({ code: 0, report: { ok: true, partyId: id, events: 3, problems: [] } });

        const tampered = JSON.parse(res.text);
        tampered.files['events.ndjson'] = tampered.files['events.ndjson'].replace('"department":"housing"', '"department":"waste"');
        writeFileSync(file, JSON.stringify(tampered));
        const bad = await verifyBundle(file);
        expect(bad.code).toBe(1);
        expect(bad.report.ok).toBe(false);
        expect(bad.report.problems).toContain('events.ndjson was altered after the bundle was made (its SHA-256 differs from the manifest)');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      await t.app.get(AccessRecorder).log.flush();
      const looks = (await t.http.get(`/v1/audit/access?actor=bundle-auditor`).set('X-Min-Position', String(await t.events.headPosition())).expect(200)).body.items;
      expect(looks).toEqual([expect.objectContaining({ partyId: id, endpoint: 'bundle', access: 'viewed' })]);
    });

    it('is for auditors only, and answers an unknown party with 404', async () => {
      const id = (await t.http.post('/v1/parties').send(person('Not For You')).expect(201)).body.id;
      await t.anonymous.get(`/v1/audit/bundles/${id}`).set('Authorization', await t.token('privacy-officer')).expect(403);
      await t.http.get(`/v1/audit/bundles/${randomUUID()}`).expect(404);
    });
  });

  describe('browser hygiene', () => {
    it('sends no upgrade-insecure-requests on plain HTTP (the default), but keeps the rest of the CSP', async () => {
      const csp = (await t.anonymous.get('/console').expect(200)).headers['content-security-policy'];
      expect(csp).toContain("default-src 'self'");
      expect(csp).not.toContain('upgrade-insecure-requests');
      const directives = String(csp).split(';').map((d) => d.trim());
      expect(directives).toContain("script-src 'self'");
      expect(directives).toContain("connect-src 'self'");
    });

    it('serves a favicon without a token at /favicon.ico and /console/favicon.ico', async () => {
      for (const path of ['/favicon.ico', '/console/favicon.ico']) {
        const res = await t.anonymous.get(path).expect(200);
        expect(res.headers['content-type']).toBe('image/svg+xml');
        expect(String(res.body instanceof Buffer ? res.body : res.text)).toContain('<svg');
      }
      expect((await t.anonymous.get('/openapi.json').expect(200)).body.paths).not.toHaveProperty('/favicon.ico');
    });
  });
});

describe('the CSP behind TLS', () => {
  it('asks browsers to upgrade insecure requests when BEHIND_TLS=true (or PUBLIC_BASE_URL is https)', async () => {
    const envs: Record<string, string>[] = [{ BEHIND_TLS: 'true' }, { PUBLIC_BASE_URL: 'https://ledger.example.gov' }];
    for (const env of envs) {
      const t = await startTestApp(env);
      try {
        expect((await t.anonymous.get('/console').expect(200)).headers['content-security-policy']).toContain('upgrade-insecure-requests');
        expect((await t.anonymous.get('/v1/console/config').expect(200)).body).toEqual({ signIn: 'token' });
      } finally {
        await t.close();
      }
    }
  });
});
