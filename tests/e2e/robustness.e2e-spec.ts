import { interaction, letter, person, startTestApp, TestApp } from './support/test-app';

type Res = { status: number; headers: Record<string, string>; body: Record<string, unknown> };

/** Input the validators used to let through (or crash on): each is a 4xx problem, never a 500 or a stored event. */
describe('robust input handling', () => {
  let t: TestApp;
  let partyId: string;
  let interactionId: string;

  beforeAll(async () => {
    t = await startTestApp();
    partyId = (await t.http.post('/v1/parties').send(person('Robin Steady')).expect(201)).body.id;
    interactionId = (await t.http.post('/v1/interactions').send(interaction([partyId])).expect(201)).body.id;
  });
  afterAll(async () => t.close());

  function expectProblem(res: Res, status: number, code?: string): void {
    expect({ status: res.status, code: code ? res.body.code : undefined }).toEqual({ status, code });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  }

  it('refuses incomplete commands: a party without a name, a name change or an amendment without its object', async () => {
    const head = await t.events.headPosition();
    const p = `/v1/parties/${partyId}`;
    const cases: [string, unknown][] = [
      ['/v1/parties', { kind: 'person' }],
      ['/v1/parties', { kind: 'organisation' }],
      ['/v1/parties', person('A', { contactPoints: [{ kind: 'postal' }] })],
      [`${p}/name-changes`, {}],
      [`${p}/name-changes`, { reason: 'marriage' }],
      [`/v1/interactions/${interactionId}/amendments`, { reason: 'typo' }],
    ];
    for (const [path, body] of cases) expectProblem(await t.http.post(path).send(body as object), 400, 'VALIDATION.FAILED');
    expect(await t.events.headPosition()).toBe(head);
  });

  it('refuses null in optional fields: optional means absent', async () => {
    const head = await t.events.headPosition();
    const amend = `/v1/interactions/${interactionId}/amendments`;
    const cases: [string, unknown][] = [
      [amend, { changes: { occurredAt: null }, reason: 'x' }],
      [amend, { changes: { summary: null }, reason: 'x' }],
      [amend, { changes: { topics: null }, reason: 'x' }],
      [amend, { changes: { outcome: null }, reason: 'x' }],
      ['/v1/parties', person('B', { birthDate: null })],
      ['/v1/interactions', interaction([partyId], { outcome: null })],
      ['/v1/correspondence', letter([partyId], { reference: null })],
    ];
    for (const [path, body] of cases) expectProblem(await t.http.post(path).send(body as object), 400, 'VALIDATION.FAILED');
    expect(await t.events.headPosition()).toBe(head);
  });

  it('trims, then validates: an identifier or a name of only spaces is refused, padding is dropped', async () => {
    const p = `/v1/parties/${partyId}`;
    expectProblem(await t.http.post(`${p}/identifiers`).send({ scheme: 'client-number', value: '    ' }), 400, 'VALIDATION.FAILED');
    expectProblem(await t.http.post('/v1/parties').send({ kind: 'person', name: { full: '   ' } }), 400, 'VALIDATION.FAILED');
    const added = await t.http.post(`${p}/identifiers`).send({ scheme: 'client-number', value: '  C-77  ' }).expect(201);
    const view = await t.http.get(p).set('X-Min-Position', added.headers['x-ledger-position']).expect(200);
    expect(view.body.identifiers).toEqual([expect.objectContaining({ scheme: 'client-number', value: 'C-77' })]);
  });

  it('refuses deeply nested JSON with a 400 before it reaches the validators', async () => {
    const deep = `${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}`;
    const arrays = `{"kind":"person","name":${'['.repeat(10_000)}${']'.repeat(10_000)}}`;
    for (const body of [deep, arrays]) {
      for (const path of ['/v1/parties', `/v1/interactions/${interactionId}/amendments`]) {
        expectProblem(await t.http.post(path).set('Content-Type', 'application/json').send(body), 400, 'VALIDATION.FAILED');
      }
    }
    await t.http.get('/health/live').expect(200);
  });

  it('reads If-Match as RFC 9110 says: * is any current version, a weak ETag never matches', async () => {
    const p = `/v1/parties/${partyId}`;
    const current = await t.http.get(p).expect(200);
    const etag = current.headers.etag as string;
    expect(etag).toMatch(/^"\d+"$/);
    expectProblem(await t.http.post(`${p}/consents`).set('If-Match', `W/${etag}`).send({ purpose: 'reminders', channel: 'sms' }), 412, 'CONCURRENCY.PRECONDITION_FAILED');
    await t.http.post(`${p}/consents`).set('If-Match', '*').send({ purpose: 'reminders', channel: 'sms' }).expect(201);
    expectProblem(await t.http.post(`${p}/consents`).set('If-Match', etag).send({ purpose: 'letters', channel: 'letter' }), 412, 'CONCURRENCY.PRECONDITION_FAILED');
    expectProblem(await t.http.post(`${p}/consents`).set('If-Match', 'three').send({ purpose: 'letters', channel: 'letter' }), 400, 'VALIDATION.FAILED');
  });

  it('reads X-Min-Position as decimal digits only', async () => {
    for (const value of ['0x10', '1e3', '0b1', ' ', '-1', '1.5', '+5']) {
      expectProblem(await t.http.get(`/v1/parties/${partyId}`).set('X-Min-Position', value), 400, 'VALIDATION.FAILED');
    }
    await t.http.get(`/v1/parties/${partyId}`).set('X-Min-Position', '1').expect(200);
  });

  it('moves correspondence to the department it is assigned to', async () => {
    const created = await t.http.post('/v1/correspondence').send(letter([partyId], { department: 'waste' })).expect(201);
    const id = created.body.id as string;
    const assigned = await t.http.post(`/v1/correspondence/${id}/assign`).send({ assigneeId: 'staff-9', department: 'housing' }).expect(200);
    const view = await t.http.get(`/v1/correspondence/${id}`).set('X-Min-Position', assigned.headers['x-ledger-position']).expect(200);
    expect(view.body).toMatchObject({ department: 'housing', assigneeId: 'staff-9', status: 'assigned' });
    const party = await t.http.get(`/v1/parties/${partyId}`).set('X-Min-Position', assigned.headers['x-ledger-position']).expect(200);
    expect(party.body.openCorrespondence).toEqual(expect.arrayContaining([expect.objectContaining({ id, department: 'housing' })]));
  });
});
