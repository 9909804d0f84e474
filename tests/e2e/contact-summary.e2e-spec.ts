import { Role } from '@civic-ledger/application';
import { BREAK_GLASS, interaction, person, readStoreVariants, startTestApp, TestApp } from './support/test-app';

/**
 * The contact counts and last contact of a party's view, per reader, are the sums of the party view's
 * contact cells (department × confidentiality level). This checks them against the slow answer — counting
 * the interactions in the timeline the same reader may read — over a random-ish history with contacts
 * moved between departments, reclassified, re-timed and merged from a duplicate.
 */
type Summary = { interactionCounts: Record<string, number>; lastContact: { at: string; channel: string; interactionId: string } | null };
type Entry = { type: string; refId: string; channel: string; occurredAt: string };

const CHANNELS = ['phone', 'email', 'counter', 'sms'];
const DEPARTMENTS = ['housing', 'waste', 'benefits'];
const LEVELS = ['normal', 'sensitive', 'restricted'];

/** A small seeded generator (mulberry32), so that a failing history can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const READERS: [Role, string[]][] = [
  ['clerk', ['housing']], ['clerk', ['waste']], ['caseworker', ['housing']], ['caseworker', ['waste', 'benefits']],
  ['supervisor', ['housing']], ['supervisor', ['benefits']], ['supervisor', ['housing', 'waste', 'benefits']], ['auditor', []], ['service', []],
];

describe.each(readStoreVariants())('contact summaries per reader (%s)', (_name, env) => {
  let t: TestApp;
  let position = '0';
  const parties: Record<'main' | 'duplicate' | 'other', string> = { main: '', duplicate: '', other: '' };
  const as = async (role: Role, departments: string[]) => ({ authorization: await t.token(role, departments) });
  const send = async (method: 'get' | 'post', path: string, who: Record<string, string>, body?: object) => {
    const req = t.anonymous[method](path).set(who).set('X-Min-Position', position);
    const res = await (body ? req.send(body) : req);
    if (res.headers['x-ledger-position']) position = res.headers['x-ledger-position'];
    if (method === 'post') expect({ path, status: res.status < 300, body: res.status < 300 ? undefined : res.body }).toEqual({ path, status: true, body: undefined });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp(env);
    const staff = await as('supervisor', DEPARTMENTS);
    parties.main = (await send('post', '/v1/parties', staff, person('Main Person', { department: 'housing' }))).body.id;
    parties.duplicate = (await send('post', '/v1/parties', staff, person('Main Persson', { department: 'housing' }))).body.id;
    parties.other = (await send('post', '/v1/parties', staff, person('Other Person', { department: 'waste' }))).body.id;
    const next = random(15);
    const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
    const when = () => new Date(Date.UTC(2024, 0, 1) + Math.floor(next() * 365 * 24 * 60) * 60_000).toISOString();
    const groups = [[parties.main], [parties.main], [parties.main], [parties.duplicate], [parties.main, parties.other], [parties.other]];
    const recorded: { id: string; department: string; level: string }[] = [];
    const another = (list: readonly string[], current: string) => pick(list.filter((x) => x !== current));
    for (let i = 0; i < 240; i += 1) {
      const [department, level] = [pick(DEPARTMENTS), pick(LEVELS)];
      const body = interaction(pick(groups), { channel: pick(CHANNELS), department, confidentiality: level, occurredAt: when(), breakGlass: BREAK_GLASS });
      recorded.push({ id: (await send('post', '/v1/interactions', staff, body)).body.id, department, level });
      // Now and then an earlier contact moves: to another department, another time, another level.
      if (i % 3 === 2) {
        const r = pick(recorded);
        const move = next();
        if (move < 0.4) {
          r.department = another(DEPARTMENTS, r.department);
          await send('post', `/v1/interactions/${r.id}/amendments`, staff, { changes: { department: r.department }, reason: 'recorded for the wrong desk' });
        } else if (move < 0.6) {
          await send('post', `/v1/interactions/${r.id}/amendments`, staff, { changes: { occurredAt: when() }, reason: 'wrong date' });
        } else {
          r.level = another(LEVELS, r.level);
          await send('post', `/v1/interactions/${r.id}/confidentiality`, staff, { level: r.level, reason: 'reviewed' });
        }
      }
    }
    await send('post', `/v1/parties/${parties.duplicate}/merges`, staff, { survivorPartyId: parties.main, reason: 'same person' });
  });
  afterAll(async () => t?.close());

  /** The slow answer: the interactions in every page of the timeline the reader may read. */
  const fromTimeline = async (partyId: string, who: Record<string, string>): Promise<Summary | number> => {
    const summary: Summary = { interactionCounts: {}, lastContact: null };
    for (let cursor: string | null = ''; cursor !== null;) {
      const res = await send('get', `/v1/parties/${partyId}/timeline?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, who);
      if (res.status !== 200) return res.status;
      for (const e of (res.body.items as Entry[]).filter((x) => x.type === 'InteractionRecorded')) {
        summary.interactionCounts[e.channel] = (summary.interactionCounts[e.channel] ?? 0) + 1;
        const last = summary.lastContact;
        if (!last || e.occurredAt > last.at || (e.occurredAt === last.at && e.refId > last.interactionId)) summary.lastContact = { at: e.occurredAt, channel: e.channel, interactionId: e.refId };
      }
      cursor = res.body.nextCursor as string | null;
    }
    return summary;
  };
  const fromView = async (path: string, who: Record<string, string>): Promise<Summary | number> => {
    const res = await send('get', path, who);
    if (res.status !== 200) return res.status;
    expect(res.body).not.toHaveProperty('contactCells');
    return { interactionCounts: res.body.interactionCounts, lastContact: res.body.lastContact };
  };

  it.each(READERS)('a %s of %j sees the counts and last contact of the interactions it may read', async (role, departments) => {
    const who = await as(role, departments);
    for (const partyId of [parties.main, parties.other]) {
      const expected = await fromTimeline(partyId, who);
      expect({ partyId, summary: await fromView(`/v1/parties/${partyId}`, who) }).toEqual({ partyId, summary: expected });
    }
  });

  it('differs between readers of different departments and levels (the history is not trivial)', async () => {
    const seen = await Promise.all(READERS.map(async ([role, departments]) => JSON.stringify(await fromView(`/v1/parties/${parties.main}`, await as(role, departments)))));
    expect(new Set(seen).size).toBeGreaterThanOrEqual(6);
    const all = (await fromView(`/v1/parties/${parties.main}`, await as('auditor', []))) as Summary;
    // The duplicate's contacts count for the survivor (main and main+other contacts plus the duplicate's).
    expect(Object.values(all.interactionCounts).reduce((a, b) => a + b, 0)).toBeGreaterThan(150);
  });

  it('answers search results and a view as of now with the same counts as the live view', async () => {
    for (const [role, departments] of [['supervisor', ['housing']], ['caseworker', ['housing']]] as [Role, string[]][]) {
      const who = await as(role, departments);
      const live = await fromView(`/v1/parties/${parties.main}`, who);
      const found = (await send('get', '/v1/parties?q=main%20person', who)).body.items.find((p: { id: string }) => p.id === parties.main);
      expect({ interactionCounts: found.interactionCounts, lastContact: found.lastContact }).toEqual(live);
      expect(found).not.toHaveProperty('contactCells');
      if (role === 'supervisor') expect(await fromView(`/v1/parties/${parties.main}?asOf=${new Date(Date.now() + 60_000).toISOString()}`, who)).toEqual(live);
    }
  });
});
