import { randomUUID } from 'node:crypto';
import { leafHash, verifyCheckpointSignature, verifyConsistency, verifyInclusion } from '@civic-ledger/audit';
import { AccessRecorder } from '../../apps/api/src/auth/access-recorder';
import { BREAK_GLASS, interaction, letter, person, startTestApp, storeVariants, TestApp } from './support/test-app';
import { until } from './support/until';

describe.each(storeVariants())('the ledger end to end (%s)', (_variant, env) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(env); });
  afterAll(async () => t.close());

  /** POST and return the body; X-Min-Position from the write lets the next read see it. */
  async function post(path: string, body: unknown, status = 201, headers: Record<string, string> = {}) {
    const res = await t.http.post(path).set(headers).send(body as object);
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    return res;
  }
  const read = (path: string, position: string | number) => t.http.get(path).set('X-Min-Position', String(position));

  it('registers a party and finds it by accent-insensitive name prefix, e-mail, national phone and identifier', async () => {
    const res = await post('/v1/parties', person('Zoë Núñez-García', {
      contactPoints: [{ kind: 'email', value: 'Zoe.Nunez@Example.org' }, { kind: 'phone', value: '07911 123456' }],
      identifiers: [{ scheme: 'client-number', value: 'c-100 234' }],
    }));
    expect(res.headers.location).toBe(`/v1/parties/${res.body.id}`);
    expect(res.headers.etag).toBe('"3"'); // registered, two contact points, one identifier: revisions 0-3
    const pos = res.headers['x-ledger-position'];
    const search = async (query: string) => (await read(`/v1/parties?${query}`, pos).expect(200)).body.items.map((p: { id: string }) => p.id);
    expect(await search('q=zoe%20nun')).toEqual([res.body.id]);
    expect(await search('q=GARC')).toEqual([res.body.id]);
    expect(await search('email=zoe.nunez@example.ORG')).toEqual([res.body.id]);
    expect(await search('phone=%2B447911123456')).toEqual([res.body.id]);
    expect(await search('identifier=C-100234')).toEqual([res.body.id]);
    expect(await search('q=zoe&email=other@example.org')).toEqual([]);
    const view = await read(`/v1/parties/${res.body.id}`, pos).expect(200);
    expect(view.headers.etag).toBe('"3"');
    expect(view.body.contactPoints.map((c: { value: string }) => c.value)).toEqual(['zoe.nunez@example.org', '+447911123456']);
  });

  it('consolidates interactions and open correspondence across channels into the view and timeline', async () => {
    const party = (await post('/v1/parties', person('Ana Kowalska'))).body.id as string;
    await post('/v1/interactions', interaction([party]));
    await post('/v1/interactions', interaction([party], { channel: 'email', occurredAt: '2024-04-01T10:00:00Z', department: 'benefits', topics: ['appeal'], breakGlass: BREAK_GLASS }));
    const corr = (await post('/v1/correspondence', letter([party]))).body.id as string;
    await post(`/v1/correspondence/${corr}/acknowledge`, {}, 200);
    const last = await post(`/v1/correspondence/${corr}/assign`, { assigneeId: 'staff-9' }, 200);
    const pos = last.headers['x-ledger-position'];
    const view = (await read(`/v1/parties/${party}`, pos).expect(200)).body;
    expect(view.interactionCounts).toEqual({ phone: 1, email: 1 });
    expect(view.lastContact).toMatchObject({ at: '2024-04-01T10:00:00.000Z', channel: 'email' });
    expect(view.openCorrespondence).toEqual([expect.objectContaining({ id: corr, status: 'assigned', dueAt: '2024-03-22T17:00:00.000Z' })]);

    const timeline = (await read(`/v1/parties/${party}/timeline`, pos).expect(200)).body;
    expect(timeline.items.map((e: { type: string }) => e.type).sort()).toEqual([
      'CorrespondenceAcknowledged', 'CorrespondenceAssigned', 'CorrespondenceReceived', 'InteractionRecorded', 'InteractionRecorded',
      // Benefits and waste first dealt with a party housing registered: each broke the glass, visibly.
      'PartyAccessGranted', 'PartyAccessGranted', 'PartyRegistered',
    ]);
    const occurred = timeline.items.map((e: { occurredAt: string }) => e.occurredAt);
    expect([...occurred].sort().reverse()).toEqual(occurred);
    const byChannel = (await read(`/v1/parties/${party}/timeline?channel=email`, pos).expect(200)).body.items;
    expect(byChannel.map((e: { type: string; channel: string }) => [e.type, e.channel])).toEqual([['InteractionRecorded', 'email']]);
    const byTopic = (await read(`/v1/parties/${party}/timeline?topic=housing-benefit&department=housing`, pos).expect(200)).body.items;
    expect(byTopic).toHaveLength(1);
    const byRange = (await read(`/v1/parties/${party}/timeline?from=2024-03-01T00:00:00Z&to=2024-03-31T23:59:59Z`, pos).expect(200)).body.items;
    expect(byRange.map((e: { type: string }) => e.type).sort()).toEqual(['CorrespondenceReceived', 'InteractionRecorded']);
  });

  it('paginates the timeline with a cursor, newest first, without gaps or repeats', async () => {
    const party = (await post('/v1/parties', person('Page Turner'))).body.id as string;
    let pos = '0';
    for (let day = 1; day <= 7; day += 1) {
      pos = (await post('/v1/interactions', interaction([party], { occurredAt: `2024-01-0${day}T12:00:00Z` }))).headers['x-ledger-position'];
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string; occurredAt: string }[]; nextCursor: string | null } } = await read(`/v1/parties/${party}/timeline?limit=3&channel=phone${cursor ? `&cursor=${cursor}` : ''}`, pos).expect(200);
      seen.push(...res.body.items.map((e) => e.occurredAt));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([7, 6, 5, 4, 3, 2, 1].map((d) => `2024-01-0${d}T12:00:00.000Z`));
    await t.http.get(`/v1/parties/${party}/timeline?cursor=not-a-cursor`).expect(400).expect((r) => expect(r.body.code).toBe('REQUEST.INVALID_CURSOR'));
  });

  it('keeps cursor pages stable while new contacts are recorded in between', async () => {
    const party = (await post('/v1/parties', person('Steady Pager'))).body.id as string;
    let pos = '0';
    for (let day = 1; day <= 6; day += 1) pos = (await post('/v1/interactions', interaction([party], { occurredAt: `2024-02-0${day}T12:00:00Z` }))).headers['x-ledger-position'];
    const first = (await read(`/v1/parties/${party}/timeline?channel=phone&limit=3`, pos).expect(200)).body;
    // Newer and older contacts arrive between the two page requests.
    await post('/v1/interactions', interaction([party], { occurredAt: '2024-03-01T12:00:00Z' }));
    pos = (await post('/v1/interactions', interaction([party], { occurredAt: '2024-01-15T12:00:00Z' }))).headers['x-ledger-position'];
    const second = (await read(`/v1/parties/${party}/timeline?channel=phone&limit=3&cursor=${first.nextCursor}`, pos).expect(200)).body;
    expect([...first.items, ...second.items].map((e: { occurredAt: string }) => e.occurredAt)).toEqual(
      ['06', '05', '04', '03', '02', '01'].map((d) => `2024-02-${d}T12:00:00.000Z`),
    );
    const third = (await read(`/v1/parties/${party}/timeline?channel=phone&limit=3&cursor=${second.nextCursor}`, pos).expect(200)).body;
    expect(third.items.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(['2024-01-15T12:00:00.000Z']);
  });

  it('walks the correspondence lifecycle and refuses to respond to closed correspondence', async () => {
    const party = (await post('/v1/parties', person('Lin Chen'))).body.id as string;
    const corr = (await post('/v1/correspondence', letter([party]))).body.id as string;
    const respondEarly = await t.http.post(`/v1/correspondence/${corr}/respond`).send({ summary: 'x', channel: 'letter' }).expect(409);
    expect(respondEarly.body).toMatchObject({ code: 'CORRESPONDENCE.NOT_ASSIGNED', status: 409 });
    await post(`/v1/correspondence/${corr}/assign`, { assigneeId: 'staff-1' }, 200);
    await post(`/v1/correspondence/${corr}/respond`, { summary: 'Rescheduled', channel: 'letter' }, 200);
    const closed = await post(`/v1/correspondence/${corr}/close`, { resolution: 'resolved' }, 200);
    const again = await t.http.post(`/v1/correspondence/${corr}/respond`).send({ summary: 'more', channel: 'email' }).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('CORRESPONDENCE.CLOSED');
    const pos = closed.headers['x-ledger-position'];
    expect((await read(`/v1/correspondence/${corr}`, pos).expect(200)).body).toMatchObject({ status: 'closed', assigneeId: 'staff-1' });
    expect((await read(`/v1/parties/${party}`, pos).expect(200)).body.openCorrespondence).toEqual([]);
    const list = (await read('/v1/correspondence?status=closed&dueBefore=2024-04-01T00:00:00Z', pos).expect(200)).body.items;
    expect(list.map((c: { id: string }) => c.id)).toContain(corr);
    const reopened = await post(`/v1/correspondence/${corr}/reopen`, { reason: 'citizen replied' }, 200);
    expect((await read(`/v1/correspondence/${corr}`, reopened.headers['x-ledger-position']).expect(200)).body.status).toBe('assigned');
  });

  it('rejects interactions with unknown parties or in the future', async () => {
    const unknown = await t.http.post('/v1/interactions').send(interaction([randomUUID()])).expect(422);
    expect(unknown.body.code).toBe('INTERACTION.UNKNOWN_PARTY');
    const party = (await post('/v1/parties', person('Future Caller'))).body.id as string;
    const future = await t.http.post('/v1/interactions').send(interaction([party], { occurredAt: new Date(Date.now() + 3600_000).toISOString() })).expect(422);
    expect(future.body.code).toBe('INTERACTION.OCCURRED_IN_FUTURE');
  });

  it('uses ETag/If-Match for optimistic concurrency (412 on a stale write)', async () => {
    const created = await post('/v1/parties', person('Ola Nordmann'));
    const id = created.body.id as string;
    await post(`/v1/parties/${id}/name-changes`, { name: { full: 'Ola Nordmann-Berg' } }, 200, { 'If-Match': created.headers.etag });
    const stale = await t.http.post(`/v1/parties/${id}/name-changes`).set('If-Match', created.headers.etag).send({ name: { full: 'Ola Berg' } }).expect(412);
    expect(stale.body.code).toBe('CONCURRENCY.PRECONDITION_FAILED');
  });

  it('never records twice for a retried Idempotency-Key and refuses the key for another request', async () => {
    const party = (await post('/v1/parties', person('Idem Potent'))).body.id as string;
    const key = { 'Idempotency-Key': `call-${randomUUID()}` };
    const first = await post('/v1/interactions', interaction([party]), 201, key);
    const retry = await post('/v1/interactions', interaction([party]), 201, key);
    expect(retry.body.id).toBe(first.body.id);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    const reused = await t.http.post('/v1/interactions').set(key).send(interaction([party], { summary: 'different' })).expect(422);
    expect(reused.body.code).toBe('IDEMPOTENCY.KEY_REUSED');
    const view = (await read(`/v1/parties/${party}`, retry.headers['x-ledger-position']).expect(200)).body;
    expect(view.interactionCounts).toEqual({ phone: 1 });
  });

  it('replays a party as known at a past instant, and as now equals the live read model', async () => {
    const created = await post('/v1/parties', person('Time Traveller', { contactPoints: [{ kind: 'email', value: 'tt@example.org' }] }));
    const id = created.body.id as string;
    await post('/v1/interactions', interaction([id]));
    const before = await read(`/v1/parties/${id}`, created.headers['x-ledger-position']).expect(200);
    // Known as of the cut: everything recorded until now (asOf includes its instant); after it: what is recorded once the clock has passed it.
    const cut = new Date().toISOString();
    await until(() => Date.now() > Date.parse(cut), 'the clock to pass the cut');
    await post(`/v1/parties/${id}/name-changes`, { name: { full: 'Time Traveller-Smith' } }, 200);
    const last = await post('/v1/interactions', interaction([id], { channel: 'counter', occurredAt: '2023-01-01T10:00:00Z' }));
    const pos = last.headers['x-ledger-position'];

    const live = (await read(`/v1/parties/${id}`, pos).expect(200)).body;
    const asOfNow = (await t.http.get(`/v1/parties/${id}?asOf=${new Date().toISOString()}`).expect(200)).body;
    expect(asOfNow).toEqual(live);
    const liveTimeline = (await read(`/v1/parties/${id}/timeline`, pos).expect(200)).body;
    expect((await t.http.get(`/v1/parties/${id}/timeline?asOf=${new Date().toISOString()}`).expect(200)).body).toEqual(liveTimeline);

    const then = (await t.http.get(`/v1/parties/${id}?asOf=${cut}`).expect(200)).body;
    expect(then.name.full).toBe('Time Traveller');
    expect(then.interactionCounts).toEqual({ phone: 1 });
    expect(then.revision).toBe(before.body.revision);
    // Bitemporal: the counter visit of 2023 was recorded after the cut, so it is not known as of the cut,
    // but it had occurred by then; the name change occurred after the cut.
    const occurredBy = (await t.http.get(`/v1/parties/${id}?occurredBy=${cut}`).expect(200)).body;
    expect(occurredBy.name.full).toBe('Time Traveller');
    expect(occurredBy.interactionCounts).toEqual({ phone: 1, counter: 1 });
    const early = (await t.http.get(`/v1/parties/${id}/timeline?occurredBy=${cut}&channel=counter`).expect(200)).body.items;
    expect(early.map((e: { occurredAt: string }) => e.occurredAt)).toEqual(['2023-01-01T10:00:00.000Z']);
    await t.http.get(`/v1/parties/${id}?asOf=2000-01-01T00:00:00Z`).expect(404);

    // What changed between the cut and now: the events (who, when) and the view field by field.
    const changes = (await t.http.get(`/v1/parties/${id}/changes?from=${cut}&to=${new Date().toISOString()}`).expect(200)).body;
    expect(changes.events.map((e: { type: string; actor: string }) => [e.type, e.actor])).toEqual([['PartyNameChanged', 'supervisor-1'], ['InteractionRecorded', 'supervisor-1']]);
    expect(changes.view).toEqual(expect.arrayContaining([
      { path: 'name.full', before: 'Time Traveller', after: 'Time Traveller-Smith' },
      { path: 'interactionCounts.counter', before: null, after: 1 },
    ]));
    expect(changes.existedAtFrom).toBe(true);
    await t.http.get(`/v1/parties/${id}/changes?from=${new Date().toISOString()}&to=${cut}`).expect(400);
  });

  it('answers "may we text them about reminders now?" from the consent history', async () => {
    const id = (await post('/v1/parties', person('Consent Carla'))).body.id as string;
    const check = async (position: string, channel: string, at?: string) => (await read(
      `/v1/parties/${id}/consents/check?purpose=appointment-reminders&channel=${channel}${at ? `&at=${at}` : ''}`, position,
    ).expect(200)).body;
    const before = new Date(Date.now() - 60_000).toISOString();
    const given = await post(`/v1/parties/${id}/consents`, { purpose: 'appointment-reminders', channel: 'any', evidence: 'form 12' });
    expect(await check(given.headers['x-ledger-position'], 'sms')).toMatchObject({ allowed: true, basis: { kind: 'consent', action: 'given', channel: 'any' } });
    expect(await check(given.headers['x-ledger-position'], 'sms', before)).toMatchObject({ allowed: false, basis: { kind: 'no-consent' } });
    const withdrawn = await post(`/v1/parties/${id}/consents/withdrawals`, { purpose: 'appointment-reminders', channel: 'sms' });
    expect(await check(withdrawn.headers['x-ledger-position'], 'sms')).toMatchObject({ allowed: false, basis: { action: 'withdrawn', channel: 'sms' } });
    expect(await check(withdrawn.headers['x-ledger-position'], 'letter')).toMatchObject({ allowed: true });
    await t.http.get(`/v1/parties/${id}/consents/check?purpose=appointment-reminders&channel=pigeon`).expect(400);
  });

  it('records every look at a party by a person in the access ledger, for auditors to query both ways', async () => {
    const registered = await post('/v1/parties', person('Watched Wanda'));
    const id = registered.body.id as string;
    const pos = registered.headers['x-ledger-position'];
    const reader = await t.token('caseworker', ['housing'], `reader-${id.slice(0, 8)}`);
    await t.anonymous.get(`/v1/parties/${id}`).set('Authorization', reader).set('X-Min-Position', pos).set('X-Purpose', 'benefit claim 4711').expect(200);
    await t.anonymous.get(`/v1/parties/${id}/timeline`).set('Authorization', reader).expect(200);
    expect((await t.anonymous.get('/v1/parties?q=watched%20wanda').set('Authorization', reader).expect(200)).body.items.map((p: { id: string }) => p.id)).toEqual([id]);
    const call = await post('/v1/interactions', interaction([id]));
    await t.anonymous.get(`/v1/interactions/${call.body.id}`).set('Authorization', reader).set('X-Min-Position', call.headers['x-ledger-position']).expect(200);
    await t.http.get(`/v1/parties/${id}/export`).expect(200);
    await t.anonymous.get(`/v1/parties/${id}`).set('Authorization', await t.token('service', [])).expect(200); // a machine: not a person
    await t.anonymous.get(`/v1/parties/${id}`).set('Authorization', reader).set('X-Purpose', 'x'.repeat(201)).expect(400);
    // The access ledger appends off the request path: flush it, then read once the read models hold its position.
    await t.app.get(AccessRecorder).log.flush();
    const head = String(await t.events.headPosition());
    const entries = (await t.http.get(`/v1/audit/access?partyId=${id}`).set('X-Min-Position', head).expect(200)).body.items as { actor: string; role: string; endpoint: string; purpose?: string }[];
    expect(entries.map((e) => [e.actor, e.role, e.endpoint, e.purpose ?? null]).sort()).toEqual([
      ['auditor-1', 'auditor', 'export', null],
      [`reader-${id.slice(0, 8)}`, 'caseworker', 'interaction', null],
      [`reader-${id.slice(0, 8)}`, 'caseworker', 'search', null],
      [`reader-${id.slice(0, 8)}`, 'caseworker', 'timeline', null],
      [`reader-${id.slice(0, 8)}`, 'caseworker', 'view', 'benefit claim 4711'],
    ]);
    const what = (await t.http.get(`/v1/audit/access?actor=reader-${id.slice(0, 8)}&limit=1`).expect(200)).body;
    expect(what.items).toHaveLength(1);
    const next = (await t.http.get(`/v1/audit/access?actor=reader-${id.slice(0, 8)}&limit=1&cursor=${encodeURIComponent(what.nextCursor)}`).expect(200)).body;
    expect(next.nextCursor).not.toBeNull();
    const third = (await t.http.get(`/v1/audit/access?actor=reader-${id.slice(0, 8)}&limit=5&cursor=${encodeURIComponent(next.nextCursor)}`).expect(200)).body;
    expect([what.items[0], next.items[0], ...third.items].map((e: { endpoint: string }) => e.endpoint).sort()).toEqual(['interaction', 'search', 'timeline', 'view']);
    await t.http.get(`/v1/audit/access`).expect(400);
    // The access events are ledger events: hash-chained and verified like every other.
    expect((await t.http.get('/v1/audit/verify').expect(200)).body.eventTypes.PartyRecordsAccessed).toBeGreaterThanOrEqual(1);
  });

  it('merges a duplicate into a survivor reversibly, with one consolidated timeline', async () => {
    const survivor = (await post('/v1/parties', person('Jan Jansen'))).body.id as string;
    const duplicate = (await post('/v1/parties', person('Jan Janssen'))).body.id as string;
    await post('/v1/interactions', interaction([duplicate], { channel: 'chat' }));
    const merged = await post(`/v1/parties/${duplicate}/merges`, { survivorPartyId: survivor, reason: 'same person' });
    const view = (await read(`/v1/parties/${survivor}`, merged.headers['x-ledger-position']).expect(200)).body;
    expect(view.mergedFrom).toEqual([duplicate]);
    const channels = (await read(`/v1/parties/${survivor}/timeline`, merged.headers['x-ledger-position']).expect(200)).body.items.map((e: { channel?: string }) => e.channel);
    expect(channels).toContain('chat');
    const undone = await post(`/v1/parties/${duplicate}/merges/reversal`, { reason: 'different people' }, 200);
    expect((await read(`/v1/parties/${survivor}`, undone.headers['x-ledger-position']).expect(200)).body.mergedFrom).toEqual([]);
    expect((await t.http.get(`/v1/parties/${survivor}?asOf=${new Date(Date.now()).toISOString()}`).expect(200)).body.mergedFrom).toEqual([]);
  });

  it('exports the party record as NDJSON and verifies every hash chain', async () => {
    const party = (await post('/v1/parties', person('Export Me'))).body.id as string;
    const last = await post('/v1/interactions', interaction([party]));
    await read(`/v1/parties/${party}`, last.headers['x-ledger-position']).expect(200);
    const exported = await t.http.get(`/v1/parties/${party}/export`).expect(200).expect('content-type', /application\/x-ndjson/);
    const events = exported.text.trim().split('\n').map((l) => JSON.parse(l));
    expect(events.map((e) => e.type)).toEqual(['PartyRegistered', 'InteractionRecorded']);
    expect(events[0]).toMatchObject({ streamId: `party-${party}`, revision: 0, hash: expect.stringMatching(/^[a-f0-9]{64}$/) });
    await t.app.get(AccessRecorder).log.flush();
    const report = (await t.http.get('/v1/audit/verify').expect(200)).body;
    expect(report).toMatchObject({ ok: true, breaks: [], missingTail: [] });
    expect(report.events).toBe((await t.events.readAll({ limit: 1_000_000 })).length);
  });

  it('signs checkpoints and serves inclusion and consistency proofs that verify', async () => {
    const party = (await post('/v1/parties', person('Proof Reader'))).body.id as string;
    await t.app.get(AccessRecorder).log.flush(); // earlier reads' access records, so that only this test appends below
    const first = (await post('/v1/audit/checkpoints', {})).body;
    const later = await post('/v1/interactions', interaction([party]));
    const second = (await post('/v1/audit/checkpoints', {})).body;
    expect(second.treeSize).toBe(first.treeSize + 2);
    const { publicKeyPem } = (await t.http.get('/v1/audit/public-key').expect(200)).body;
    expect(verifyCheckpointSignature(second, publicKeyPem)).toBe(true);
    const event = (await t.events.readAll({ fromPosition: Number(later.headers['x-ledger-position']) - 1, limit: 1 }))[0];
    const inclusion = (await t.http.get(`/v1/audit/proofs/inclusion?position=${event.position}`).expect(200)).body;
    expect(verifyInclusion(leafHash(event.hash), inclusion.leafIndex, inclusion.treeSize, inclusion.proof.map((h: string) => Buffer.from(h, 'hex')), Buffer.from(second.rootHash, 'hex'))).toBe(true);
    const consistency = (await t.http.get(`/v1/audit/proofs/consistency?first=${first.treeSize}&second=${second.treeSize}`).expect(200)).body;
    expect(verifyConsistency(first.treeSize, second.treeSize, Buffer.from(first.rootHash, 'hex'), Buffer.from(second.rootHash, 'hex'), consistency.proof.map((h: string) => Buffer.from(h, 'hex')))).toBe(true);
    expect((await t.http.get('/v1/audit/verify').expect(200)).body.checkpoints).toEqual({ checked: 2, failures: [] });
    await t.http.get('/v1/audit/proofs/inclusion?position=1&treeSize=999999').expect(400);
  });

  it('serves health, readiness and the OpenAPI document', async () => {
    await t.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = (await t.http.get('/health/ready').expect(200)).body;
    expect(ready).toMatchObject({ status: 'ok', eventStore: 'ok' });
    const spec = (await t.http.get('/openapi.json').expect(200)).body;
    for (const path of ['/v1/parties', '/v1/parties/{id}', '/v1/parties/{id}/timeline', '/v1/interactions', '/v1/correspondence/{id}/respond', '/v1/audit/verify']) {
      expect(spec.paths).toHaveProperty([path]);
    }
    await t.http.get('/docs').expect(200).expect('content-type', /html/);
    const missing = await t.http.get('/v1/nothing-here').expect(404);
    expect(missing.body.code).toBe('ROUTE.NOT_FOUND');
  });
});
