import { AccessRecorder } from '../../apps/api/src/auth/access-recorder';
import { interaction, letter, person, startTestApp, TestApp } from './support/test-app';

/**
 * Hostile and broken input on every POST: each gets a 4xx problem+json with a stable code, the process
 * stays up, and the ledger is unchanged.
 */
describe('bad input on every POST', () => {
  let t: TestApp;
  let routes: { path: string; valid: Record<string, unknown> }[];
  let partyId: string;

  beforeAll(async () => {
    t = await startTestApp();
    partyId = (await t.http.post('/v1/parties').send(person('Robust Resident')).expect(201)).body.id;
    const other = (await t.http.post('/v1/parties').send(person('Other Resident')).expect(201)).body.id;
    const interactionId = (await t.http.post('/v1/interactions').send(interaction([partyId])).expect(201)).body.id;
    const correspondenceId = (await t.http.post('/v1/correspondence').send(letter([partyId])).expect(201)).body.id;
    // The letter broke the glass for another department; its access-ledger record is written before the checks start.
    await t.app.get(AccessRecorder).log.flush();
    const p = `/v1/parties/${partyId}`;
    const c = `/v1/correspondence/${correspondenceId}`;
    routes = [
      { path: '/v1/parties', valid: person('New Person') },
      { path: `${p}/name-changes`, valid: { name: { full: 'Renamed Resident' }, reason: 'marriage' } },
      { path: `${p}/contact-points`, valid: { kind: 'email', value: 'new@example.org' } },
      { path: `${p}/identifiers`, valid: { scheme: 'client-number', value: 'C-1' } },
      { path: `${p}/consents`, valid: { purpose: 'reminders', channel: 'sms' } },
      { path: `${p}/consents/withdrawals`, valid: { purpose: 'reminders', channel: 'sms' } },
      { path: `${p}/relationships`, valid: { kind: 'spouse', toPartyId: other } },
      { path: `${p}/merges`, valid: { survivorPartyId: other, reason: 'duplicate' } },
      { path: `${p}/merges/reversal`, valid: { reason: 'not a duplicate' } },
      { path: `${p}/erasure`, valid: { legalBasis: 'GDPR art. 17' } },
      { path: `${p}/erasure/completion`, valid: {} },
      { path: `${p}/legal-holds`, valid: { reason: 'litigation' } },
      { path: '/v1/interactions', valid: interaction([partyId]) },
      { path: `/v1/interactions/${interactionId}/amendments`, valid: { changes: { summary: 'fixed' }, reason: 'typo' } },
      { path: `/v1/interactions/${interactionId}/correspondence-links`, valid: { correspondenceId } },
      { path: `/v1/interactions/${interactionId}/confidentiality`, valid: { level: 'restricted' } },
      { path: '/v1/correspondence', valid: letter([partyId]) },
      { path: `${c}/acknowledge`, valid: { note: 'ok' } },
      { path: `${c}/assign`, valid: { assigneeId: 'staff-1' } },
      { path: `${c}/respond`, valid: { summary: 'done', channel: 'letter' } },
      { path: `${c}/close`, valid: { resolution: 'resolved' } },
      { path: `${c}/reopen`, valid: { reason: 'again' } },
    ];
  });
  afterAll(async () => t.close());

  async function expectProblem(res: { status: number; headers: Record<string, string>; body: Record<string, unknown> }, status: number, code: string) {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ type: expect.stringContaining('problem'), title: expect.any(String), status, detail: expect.any(String) });
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.(ts|js):\d+|node_modules|SQLITE|Error:/);
  }

  const wrongTypes = (valid: Record<string, unknown>): Record<string, unknown> =>
    Object.keys(valid).length ? Object.fromEntries(Object.keys(valid).map((k) => [k, 12345])) : { unexpected: 12345 };

  it('refuses all of it and changes nothing', async () => {
    const headBefore = await t.events.headPosition();
    const huge = 'x'.repeat(300 * 1024);
    for (const { path, valid } of routes) {
      await expectProblem(await t.http.post(path).set('Content-Type', 'application/json').send('{"broken": '), 400, 'REQUEST.MALFORMED_JSON');
      await expectProblem(await t.http.post(path).set('Content-Type', 'application/json').send('"just a string"'), 400, 'REQUEST.MALFORMED_JSON');
      await expectProblem(await t.http.post(path).send(wrongTypes(valid)), 400, 'VALIDATION.FAILED');
      await expectProblem(await t.http.post(path).send({ ...valid, unexpected: true }), 400, 'VALIDATION.FAILED');
      await expectProblem(await t.http.post(path).set('Content-Type', 'application/json').send('{"__proto__": {"admin": true}}'), 400, 'VALIDATION.FAILED');
      await expectProblem(await t.http.post(path).send({ ...valid, padding: huge }), 413, 'REQUEST.TOO_LARGE');
      await expectProblem(await t.http.post(path).set('Content-Type', 'text/plain').send('hello'), 415, 'REQUEST.UNSUPPORTED_MEDIA_TYPE');
      await expectProblem(await t.http.post(path).send([valid]), 400, 'VALIDATION.FAILED');
      const badId = path.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, "1' OR '1'='1");
      if (badId !== path) await expectProblem(await t.http.post(badId).send(valid), 400, 'VALIDATION.FAILED');
    }
    expect(await t.events.headPosition()).toBe(headBefore);
  });

  it('refuses invalid UUIDs, out-of-range dates and injection-looking values in structured fields', async () => {
    const headBefore = await t.events.headPosition();
    const cases: [string, Record<string, unknown>][] = [
      ['/v1/interactions', interaction(['not-a-uuid'])],
      ['/v1/interactions', interaction([partyId], { occurredAt: '1800-01-01T00:00:00Z' })],
      ['/v1/interactions', interaction([partyId], { occurredAt: '+275760-09-13T00:00:00Z' })],
      ['/v1/interactions', interaction([partyId], { occurredAt: '2024-13-45T25:61:00Z' })],
      ['/v1/interactions', interaction([partyId], { occurredAt: '2024-03-01' })],
      ['/v1/interactions', interaction([partyId], { department: "housing'; DROP TABLE events; --" })],
      ['/v1/interactions', interaction([partyId], { topics: [{ $gt: '' }] })],
      ['/v1/interactions', interaction([partyId], { channel: '<script>alert(1)</script>' })],
      ['/v1/interactions', interaction([partyId], { satisfaction: 6 })],
      ['/v1/parties', person('A', { birthDate: '1850-01-01' })],
      ['/v1/parties', person('A', { birthDate: '2024-02-30' })],
      ['/v1/parties', person('A', { contactPoints: [{ kind: 'email', value: "x' OR 1=1 --" }] })],
      ['/v1/parties', person('A', { contactPoints: [{ kind: 'phone', value: '12' }] })],
      ['/v1/parties', { kind: 'person', name: { full: { $ne: null } } }],
      ['/v1/correspondence', letter([partyId], { dueAt: '9999-12-31T23:59:59Z' })],
      ['/v1/correspondence', letter([partyId], { attachments: [{ name: 'a', mediaType: 'text/plain', sizeBytes: 1, sha256: '../../etc/passwd' }] })],
    ];
    for (const [path, body] of cases) {
      const res = await t.http.post(path).send(body);
      await expectProblem(res, 400, 'VALIDATION.FAILED');
    }
    expect(await t.events.headPosition()).toBe(headBefore);
    await t.http.get('/health/live').expect(200);
    expect((await t.http.get('/v1/audit/verify').expect(200)).body.ok).toBe(true);
  });

  it('stores injection-looking free text verbatim as data, never as code', async () => {
    const text = `Robert'); DROP TABLE events;-- {"$where": "1"} <img src=x onerror=alert(1)> \u0000`;
    const created = await t.http.post('/v1/interactions').send(interaction([partyId], { summary: text })).expect(201);
    const stored = await t.http.get(`/v1/interactions/${created.body.id}`).set('X-Min-Position', created.headers['x-ledger-position']).expect(200);
    expect(stored.body.summary).toBe(text);
    expect((await t.http.get('/v1/audit/verify').expect(200)).body.ok).toBe(true);
  });
});
