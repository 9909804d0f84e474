import { randomUUID } from 'node:crypto';
import { AccessRecorder } from '../../apps/api/src/auth/access-recorder';
import { Role } from '@civic-ledger/application';
import { interaction, letter, person, startTestApp, TestApp } from './support/test-app';

/**
 * Who may see what, on every path (issue "Trust"): writes ask the same policy as reads, break glass is the
 * only way a department reaches a party it does not hold, and derived reads (timeline, counts, diffs,
 * lists, search) show nothing their reader could not read directly.
 */
describe('one access policy for reads, writes and derived reads', () => {
  let t: TestApp;
  let position = '0';
  const as = async (role: Role, departments: string[], sub?: string) => ({ authorization: await t.token(role, departments, sub) });
  const send = async (method: 'get' | 'post' | 'delete', path: string, who: Record<string, string>, body?: object, headers: Record<string, string> = {}) => {
    const req = t.anonymous[method](path).set(who).set('X-Min-Position', position).set(headers);
    const res = await (body ? req.send(body) : req);
    if (res.headers['x-ledger-position']) position = res.headers['x-ledger-position'];
    return res;
  };
  const created = async (path: string, who: Record<string, string>, body: object) => {
    const res = await send('post', path, who, body);
    expect({ status: res.status, code: res.body.code }).toEqual({ status: res.status === 200 ? 200 : 201, code: undefined });
    return res.body.id as string;
  };

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t?.close());

  describe('writes answer exactly as reads of the same record', () => {
    let party: string;
    let interactionId: string;
    let correspondenceId: string;
    beforeAll(async () => {
      const housing = await as('caseworker', ['housing']);
      party = await created('/v1/parties', housing, person('Held By Housing', { department: 'housing' }));
      interactionId = await created('/v1/interactions', housing, interaction([party]));
      correspondenceId = await created('/v1/correspondence', housing, letter([party], { department: 'housing' }));
    });

    it('refuses every write to a party, interaction or correspondence of another department with the read 403', async () => {
      const waste = await as('supervisor', ['waste']);
      const partyRead = await send('get', `/v1/parties/${party}`, waste);
      const interactionRead = await send('get', `/v1/interactions/${interactionId}`, waste);
      const correspondenceRead = await send('get', `/v1/correspondence/${correspondenceId}`, waste);
      const writes: [string, object, typeof partyRead][] = [
        [`/v1/parties/${party}/name-changes`, { name: { full: 'Someone Else' } }, partyRead],
        [`/v1/parties/${party}/contact-points`, { kind: 'email', value: 'x@example.org' }, partyRead],
        [`/v1/parties/${party}/identifiers`, { scheme: 'client-number', value: 'C-1' }, partyRead],
        [`/v1/parties/${party}/consents`, { purpose: 'surveys', channel: 'sms' }, partyRead],
        [`/v1/parties/${party}/consents/withdrawals`, { purpose: 'surveys', channel: 'sms' }, partyRead],
        [`/v1/parties/${party}/relationships`, { kind: 'spouse', toPartyId: party }, partyRead],
        [`/v1/parties/${party}/merges`, { survivorPartyId: randomUUID(), reason: 'duplicate' }, partyRead],
        [`/v1/parties/${party}/merges/reversal`, { reason: 'mistake' }, partyRead],
        [`/v1/interactions/${interactionId}/amendments`, { changes: { department: 'waste' }, reason: 'moved' }, interactionRead],
        [`/v1/interactions/${interactionId}/confidentiality`, { level: 'sensitive' }, interactionRead],
        [`/v1/interactions/${interactionId}/correspondence-links`, { correspondenceId }, interactionRead],
        [`/v1/correspondence/${correspondenceId}/acknowledge`, {}, correspondenceRead],
        [`/v1/correspondence/${correspondenceId}/assign`, { assigneeId: 'staff-1' }, correspondenceRead],
        [`/v1/correspondence/${correspondenceId}/respond`, { summary: 'x', channel: 'email' }, correspondenceRead],
        [`/v1/correspondence/${correspondenceId}/close`, { resolution: 'x' }, correspondenceRead],
        [`/v1/correspondence/${correspondenceId}/reopen`, { reason: 'x' }, correspondenceRead],
      ];
      await t.app.get(AccessRecorder).log.flush(); // the reads above are in the access ledger; no write below may add anything
      const head = await t.events.headPosition();
      for (const [path, body, read] of writes) {
        const res = await send('post', path, waste, body);
        expect([path, res.status, res.body.code, res.body.detail]).toEqual([path, 403, read.body.code, read.body.detail]);
      }
      for (const path of [`/v1/parties/${party}/contact-points/${randomUUID()}`, `/v1/parties/${party}/relationships/${randomUUID()}`]) {
        const res = await send('delete', path, waste, {});
        expect([res.status, res.body.detail]).toEqual([403, partyRead.body.detail]);
      }
      expect(partyRead.status).toBe(403);
      expect(await t.events.headPosition()).toBe(head);
      // Unknown ids are 404, not 403: existence is not secret inside the body, content is.
      expect((await send('post', `/v1/parties/${randomUUID()}/identifiers`, waste, { scheme: 'client-number', value: 'C-2' })).status).toBe(404);
      expect((await send('post', `/v1/interactions/${randomUUID()}/amendments`, waste, { changes: { summary: 'x' }, reason: 'x' })).status).toBe(404);
    });

    it('widens nothing by amending an interaction into another department', async () => {
      const both = await as('supervisor', ['housing', 'benefits']);
      const moved = await created('/v1/interactions', both, interaction([party], { summary: 'About to move' }));
      expect((await send('post', `/v1/interactions/${moved}/amendments`, both, { changes: { department: 'benefits' }, reason: 'wrong department' })).status).toBe(201);
      expect((await send('get', `/v1/parties/${party}`, await as('clerk', ['benefits']))).status).toBe(403);
    });
  });

  describe('break glass', () => {
    it('lets another department reach a party only with a reason, recorded, reviewable and revocable', async () => {
      const housing = await as('clerk', ['housing']);
      const party = await created('/v1/parties', housing, person('Glass Party', { department: 'housing', contactPoints: [{ kind: 'email', value: 'glass.party@example.org' }] }));
      const secret = await created('/v1/interactions', housing, interaction([party], { summary: 'Housing only matter' }));
      const waste = await as('clerk', ['waste'], 'clerk-waste');
      // Search: an exact match is a stub to start from, a name match shows nothing.
      expect((await send('get', '/v1/parties?email=glass.party@example.org', waste)).body.items).toEqual([{ id: party, heldByAnotherDepartment: true }]);
      expect((await send('get', '/v1/parties?q=glass%20party', waste)).body.items).toEqual([]);
      const silent = await send('post', '/v1/interactions', waste, interaction([party], { department: 'waste' }));
      expect({ status: silent.status, code: silent.body.code }).toEqual({ status: 403, code: 'AUTH.BREAK_GLASS_REQUIRED' });
      const counter = await send('post', '/v1/interactions', waste, interaction([party], { department: 'waste', summary: 'Asked about bins', breakGlass: { reason: 'Citizen at the waste counter' } }));
      expect(counter.status).toBe(201);
      // The profile now, never housing's records.
      expect((await send('get', `/v1/parties/${party}`, waste)).status).toBe(200);
      const timeline = (await send('get', `/v1/parties/${party}/timeline`, waste)).body.items as { refId: string }[];
      expect(timeline.map((e) => e.refId)).not.toContain(secret);
      expect((await send('get', `/v1/interactions/${secret}`, waste)).status).toBe(403);
      // The privacy officer sees the grant with its reason, and revokes it.
      const privacy = await as('privacy-officer', []);
      const grants = (await send('get', `/v1/access-grants?partyId=${party}`, privacy)).body.items;
      expect(grants).toEqual([expect.objectContaining({ partyId: party, department: 'waste', reason: 'Citizen at the waste counter', grantedBy: 'clerk-waste', status: 'active' })]);
      await t.app.get(AccessRecorder).log.flush();
      const looks = (await send('get', `/v1/audit/access?partyId=${party}`, privacy)).body.items as { endpoint: string; actor: string }[];
      expect(looks).toContainEqual(expect.objectContaining({ endpoint: 'break-glass', actor: 'clerk-waste' }));
      // Listing grants shows staff's words about the person: a read of the party too.
      expect(looks).toContainEqual(expect.objectContaining({ endpoint: 'access-grants', actor: 'privacy-officer-1' }));
      expect((await send('delete', `/v1/parties/${party}/access-grants/${grants[0].id}`, privacy, { reason: 'Not justified' })).status).toBe(200);
      expect((await send('get', `/v1/parties/${party}`, waste)).status).toBe(403);
      expect((await send('get', `/v1/access-grants?partyId=${party}&status=revoked`, privacy)).body.items).toHaveLength(1);
    });

    it('grants nothing when the record itself is refused', async () => {
      const party = await created('/v1/parties', await as('clerk', ['housing']), person('Refused Record', { department: 'housing' }));
      // The decider refuses the record (it also names a party that does not exist): no grant is left behind.
      const refused = await send('post', '/v1/interactions', await as('clerk', ['waste']), interaction([party, randomUUID()], {
        department: 'waste', breakGlass: { reason: 'Citizen at the waste counter' },
      }));
      expect({ status: refused.status, code: refused.body.code }).toEqual({ status: 422, code: 'INTERACTION.UNKNOWN_PARTY' });
      // (The access ledger may append its batched records meanwhile; the party's own stream must not move.)
      expect((await t.events.readStream(`party-${party}`)).map((e) => e.type)).toEqual(['PartyRegistered']);
    });
  });

  describe('confidentiality by role', () => {
    let party: string;
    beforeAll(async () => {
      party = await created('/v1/parties', await as('supervisor', ['housing']), person('Classified Party', { department: 'housing' }));
    });

    it('refuses lowering or reading what the role does not see, and classifying above it', async () => {
      const supervisor = await as('supervisor', ['housing']);
      const caseworker = await as('caseworker', ['housing']);
      const clerk = await as('clerk', ['housing']);
      const restricted = await created('/v1/interactions', supervisor, interaction([party], { confidentiality: 'restricted', summary: 'Restricted matter' }));
      const sensitive = await created('/v1/interactions', supervisor, interaction([party], { confidentiality: 'sensitive', summary: 'Sensitive matter' }));
      expect((await send('post', `/v1/interactions/${restricted}/confidentiality`, caseworker, { level: 'normal' })).status).toBe(403);
      expect((await send('post', `/v1/interactions/${sensitive}/amendments`, clerk, { changes: { summary: 'x' }, reason: 'x' })).status).toBe(403);
      expect((await send('post', `/v1/interactions/${sensitive}/confidentiality`, caseworker, { level: 'restricted' })).status).toBe(403);
      expect((await send('post', '/v1/interactions', clerk, interaction([party], { confidentiality: 'sensitive' }))).status).toBe(403);
      expect((await send('post', `/v1/interactions/${sensitive}/confidentiality`, caseworker, { level: 'normal', reason: 'cleared' })).status).toBe(200);
    });

    it('takes old timeline entries along when an interaction is restricted', async () => {
      const caseworker = await as('caseworker', ['housing']);
      const id = await created('/v1/interactions', caseworker, interaction([party], { summary: 'First words' }));
      expect((await send('post', `/v1/interactions/${id}/amendments`, caseworker, { changes: { summary: 'Second words' }, reason: 'typo' })).status).toBe(201);
      expect((await send('post', `/v1/interactions/${id}/confidentiality`, await as('supervisor', ['housing']), { level: 'restricted' })).status).toBe(200);
      const entries = (await send('get', `/v1/parties/${party}/timeline?limit=200`, caseworker)).body.items as { refId: string }[];
      expect(entries.filter((e) => e.refId === id)).toEqual([]);
      const supervisorEntries = (await send('get', `/v1/parties/${party}/timeline?limit=200`, await as('supervisor', ['housing']))).body.items as { refId: string }[];
      expect(supervisorEntries.filter((e) => e.refId === id).length).toBe(3); // recorded, amended, restricted
    });
  });

  describe('derived reads', () => {
    let party: string;
    let related: string;
    beforeAll(async () => {
      const housing = await as('supervisor', ['housing']);
      party = await created('/v1/parties', housing, person('Derived Party', { department: 'housing' }));
      related = await created('/v1/parties', housing, person('Related Secretperson', { department: 'housing' }));
      await created('/v1/interactions', housing, interaction([party], { confidentiality: 'restricted', summary: 'Housing restricted text' }));
      await send('post', `/v1/parties/${party}/relationships`, housing, { kind: 'spouse', toPartyId: related });
      await created('/v1/correspondence', housing, letter([party], { department: 'housing', subject: 'Housing letter subject' }));
      await created('/v1/interactions', await as('supervisor', ['benefits']), interaction([party], {
        department: 'benefits', channel: 'email', summary: 'Benefits contact', breakGlass: { reason: 'Citizen called the benefits line' },
      }));
    });

    it('keeps other departments out of diffs, replayed counts and timelines', async () => {
      const benefits = await as('supervisor', ['benefits']);
      const changes = await send('get', `/v1/parties/${party}/changes?from=2000-01-01T00:00:00Z&to=${new Date(Date.now() + 60_000).toISOString()}`, benefits);
      expect(changes.status).toBe(200);
      const text = JSON.stringify(changes.body);
      expect(text).not.toContain('Housing restricted text');
      expect(text).not.toContain('Secretperson');
      expect(text).not.toContain('Housing letter subject');
      expect(text).toContain('Benefits contact');
      const asOf = await send('get', `/v1/parties/${party}?asOf=${new Date(Date.now() + 60_000).toISOString()}`, benefits);
      expect(asOf.body.interactionCounts).toEqual({ email: 1 });
      const live = await send('get', `/v1/parties/${party}`, benefits);
      expect(live.body.interactionCounts).toEqual({ email: 1 });
    });

    it('shows no correspondence in a clerk\'s timeline, as it cannot read it directly', async () => {
      const entries = (await send('get', `/v1/parties/${party}/timeline?limit=200`, await as('clerk', ['housing']))).body.items as { kind: string; summary?: string }[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.filter((e) => e.kind === 'correspondence')).toEqual([]);
    });

    it('records a correspondence list in the access ledger for every party it shows', async () => {
      const list = await send('get', '/v1/correspondence?limit=200', await as('caseworker', ['housing'], 'lister-1'));
      expect(list.body.items.map((c: { partyIds: string[] }) => c.partyIds).flat()).toContain(party);
      await t.app.get(AccessRecorder).log.flush();
      const looks = (await send('get', `/v1/audit/access?actor=lister-1`, await as('auditor', []))).body.items as { partyId: string; endpoint: string }[];
      expect(looks).toContainEqual(expect.objectContaining({ partyId: party, endpoint: 'correspondence-list' }));
    });
  });

  it('answers an idempotent replay only to the same subject with the same role and departments', async () => {
    const key = { 'Idempotency-Key': `trust-${randomUUID()}` };
    const body = person('Idempotent Person');
    const first = await send('post', '/v1/parties', await as('clerk', ['housing'], 'same-sub'), body, key);
    const again = await send('post', '/v1/parties', await as('clerk', ['housing'], 'same-sub'), body, key);
    expect([first.status, again.status, again.body.id]).toEqual([201, 201, first.body.id]);
    const otherDepartment = await send('post', '/v1/parties', await as('clerk', ['waste'], 'same-sub'), body, key);
    expect(otherDepartment.body.id).not.toBe(first.body.id);
    const otherRole = await send('post', '/v1/parties', await as('caseworker', ['housing'], 'same-sub'), body, key);
    expect(otherRole.body.id).not.toBe(first.body.id);
  });
});
