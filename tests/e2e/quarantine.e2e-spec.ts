import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { partyStreamId } from '@civic-ledger/domain';
import { interaction, person, readStoreVariants, startTestApp, TestApp } from './support/test-app';

const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');
const METRICS_TOKEN = 'metrics-scraper-token-0123456789abcdef';

/**
 * One event a projection cannot apply (here: a registration without a name, written straight into the
 * event store as a buggy client or an old version could have) must not stall the read models.
 */
describe.each(readStoreVariants())('a projection never stalls on one event (%s)', (_variant, storeEnv) => {
  let t: TestApp;
  let poison: { id: string; position: number; streamId: string };

  beforeAll(async () => {
    t = await startTestApp({ ...storeEnv, METRICS_TOKEN });
    const before = await t.http.post('/v1/parties').send(person('Before Poison')).expect(201);
    await t.http.get(`/v1/parties/${before.body.id}`).set('X-Min-Position', before.headers['x-ledger-position']).expect(200);
    const partyId = randomUUID();
    const streamId = partyStreamId(partyId);
    const id = randomUUID();
    const appended = await t.events.append(streamId, [{
      id, type: 'PartyRegistered', data: { partyId, kind: 'person' }, occurredAt: new Date().toISOString(),
      actor: 'legacy-import', correlationId: randomUUID(), causationId: null, schemaVersion: 1,
    }], 'no_stream');
    poison = { id, position: appended.position, streamId };
  });
  afterAll(async () => t.close());

  it('applies later writes made through the API', async () => {
    const created = await t.http.post('/v1/parties').send(person('After Poison')).expect(201);
    const recorded = await t.http.post('/v1/interactions').send(interaction([created.body.id])).expect(201);
    expect(Number(recorded.headers['x-ledger-position'])).toBeGreaterThan(poison.position);
    const view = await t.http.get(`/v1/parties/${created.body.id}`).set('X-Min-Position', recorded.headers['x-ledger-position']).expect(200);
    expect(view.body).toMatchObject({ name: { full: 'After Poison' }, interactionCounts: { phone: 1 } });
    const found = await t.http.get('/v1/parties?q=after%20poison').set('X-Min-Position', recorded.headers['x-ledger-position']).expect(200);
    expect(JSON.stringify(found.body)).toContain(created.body.id);
  });

  it('stays ready and reports only how many events are quarantined and where', async () => {
    const ready = await t.anonymous.get('/health/ready').expect(200);
    expect(ready.body).toMatchObject({ status: 'ok', projector: { status: expect.not.stringMatching('failing') }, quarantine: { events: 1, positions: [poison.position] } });
    expect(JSON.stringify(ready.body)).not.toMatch(/TypeError|Cannot read|party-view|PartyRegistered|legacy-import/);
  });

  it('counts quarantined events in /metrics, for the scraper token and the auditor or service role only', async () => {
    await t.anonymous.get('/metrics').expect(401);
    expect((await t.anonymous.get('/metrics').set('Authorization', await t.token('supervisor')).expect(403)).body.title).toBe('Forbidden');
    await t.anonymous.get('/metrics').set('Authorization', 'Bearer not-the-metrics-token-at-all-0123456789').expect(401);
    const scraped = await t.anonymous.get('/metrics').set('Authorization', `Bearer ${METRICS_TOKEN}`).expect(200);
    expect(scraped.headers['content-type']).toMatch(/^text\/plain/);
    expect(scraped.text).toMatch(/civic_ledger_projection_quarantined_events_total\{projection="party-view\.v5",event_type="PartyRegistered"\} 1/);
    expect(scraped.text).toMatch(/civic_ledger_process_cpu_seconds_total/);
    await t.anonymous.get('/metrics').set('Authorization', await t.token('auditor')).expect(200);
  });

  it('lists the quarantine for operators, and retry and rebuild finish (what still fails stays quarantined)', async () => {
    const env = { ...process.env, ...storeEnv, DATA_DIR: t.dataDir, LOG_LEVEL: 'silent' };
    const cli = (...args: string[]) => promisify(execFile)(process.execPath, [MAIN, ...args], { env, maxBuffer: 16 * 1024 * 1024 });
    const listed = JSON.parse((await cli('read-models', 'quarantine', 'list', '--json')).stdout) as { eventId: string; position: number; streamId: string; error: { name: string } }[];
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.every((q) => q.eventId === poison.id && q.position === poison.position && q.streamId === poison.streamId)).toBe(true);
    expect(listed.map((q) => q.error.name)).toContain('TypeError');
    const retried = JSON.parse((await cli('read-models', 'quarantine', 'retry', '--no-swap', '--json')).stdout) as { before: number; resolved: string[]; quarantined: unknown[]; rebuild: { events: number } };
    expect(retried).toMatchObject({ before: listed.length, resolved: [] });
    expect(retried.quarantined).toHaveLength(listed.length);
    expect(retried.rebuild.events).toBeGreaterThanOrEqual(poison.position);
    // The stored event is untouched and the ledger still verifies.
    expect((await t.events.readStream(poison.streamId)).map((e) => e.id)).toEqual([poison.id]);
    expect((await t.http.get('/v1/audit/verify').expect(200)).body.ok).toBe(true);
  });
});
