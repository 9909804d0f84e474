import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { compareChecksums, LEDGER_COLLECTIONS, MemoryReadStore, Projector, READ_STORE, ReadStore, rebuildViews } from '@civic-ledger/read-models';
import { SqliteKeyVault, LocalKeyWrapper } from '@civic-ledger/privacy';
import { AccessRecorder } from '../../apps/api/src/auth/access-recorder';
import { rawEvents } from '@civic-ledger/composition';
import { interaction, letter, person, startTestApp, storeVariants, TestApp } from './support/test-app';

/** Every file under `dir` that contains `needle` (bytes, case-insensitive ASCII). */
function filesContaining(dir: string, needle: string): string[] {
  const hits: string[] = [];
  const lower = Buffer.from(needle.toLowerCase());
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) hits.push(...filesContaining(path, needle));
    else {
      const bytes = readFileSync(path);
      const folded = Buffer.from(bytes.map((b) => (b >= 65 && b <= 90 ? b + 32 : b)));
      if (folded.includes(lower)) hits.push(name);
    }
  }
  return hits;
}

/** Right to be forgotten in an event store that never deletes: crypto-shredding, end to end. */
describe.each(storeVariants())('erasure by crypto-shredding (%s)', (_variant, env) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(env); });
  const embeddedReadModels = env.READ_STORE !== 'mongo';
  afterAll(async () => t.close());

  const SECRETS = ['Ottoline', 'Quarrington', 'vexley.example', 'OQV-998877', 'Zanzibar', 'estate dispute', '7911123456'];

  it('destroys the party\'s key, redacts every read model, leaves no plaintext on disk, and still verifies', async () => {
    const registered = await t.http.post('/v1/parties').send(person('Ottoline Quarrington', {
      contactPoints: [{ kind: 'email', value: 'ottoline@vexley.example' }, { kind: 'phone', value: '07911 123456' }],
      identifiers: [{ scheme: 'client-number', value: 'OQV-998877' }],
    }));
    expect(registered.body).toMatchObject({ id: expect.any(String) });
    const id = registered.body.id as string;
    const neighbour = (await t.http.post('/v1/parties').send(person('Bertram Bloggs')).expect(201)).body.id as string;
    const own = await t.http.post('/v1/interactions').send(interaction([id], { summary: 'Told us about the Zanzibar inheritance' })).expect(201);
    const shared = await t.http.post('/v1/interactions').send(interaction([neighbour, id], { summary: 'Neighbour asked about bins' })).expect(201);
    await t.http.post('/v1/correspondence').send(letter([id], { subject: 'Quarrington estate dispute' })).expect(201);
    const consent = await t.http.post(`/v1/parties/${id}/consents`).send({ purpose: 'appointment-reminders', channel: 'sms', evidence: 'signed by Ottoline' }).expect(201);
    const pos = consent.headers['x-ledger-position'];
    expect((await t.http.get(`/v1/parties/${id}`).set('X-Min-Position', pos).expect(200)).body.name.full).toBe('Ottoline Quarrington');

    // The event store never held the plaintext; the read models do, until the erasure.
    for (const secret of SECRETS) expect(filesContaining(t.dataDir, secret).filter((f) => f.startsWith('events'))).toEqual([]);
    if (embeddedReadModels) expect(filesContaining(t.dataDir, 'Zanzibar').some((f) => f.startsWith('read-models'))).toBe(true);

    // A legal hold blocks the erasure until it is released.
    await t.http.post(`/v1/parties/${id}/erasure`).send({ legalBasis: 'GDPR art. 17(1)(a), request 2024-117' }).expect(201);
    await t.http.post(`/v1/parties/${id}/legal-holds`).send({ reason: 'litigation 55/2024' }).expect(201);
    const blocked = await t.http.post(`/v1/parties/${id}/erasure/completion`).send({});
    expect(blocked.body).toMatchObject({ status: 409, code: 'PARTY.LEGAL_HOLD_ACTIVE' });
    const holdId = (await t.events.readStream(`party-${id}`)).find((e) => e.type === 'LegalHoldPlaced')?.data.holdId as string;
    await t.http.delete(`/v1/parties/${id}/legal-holds/${holdId}`).expect(200);
    const erased = await t.http.post(`/v1/parties/${id}/erasure/completion`).send({});
    expect(erased.status).toBeLessThan(300);
    const after = erased.headers['x-ledger-position'];

    // The erasure is itself an event: who, when, on what legal basis.
    const [erasureEvent] = (await t.events.readStream(`party-${id}`, { direction: 'backwards', limit: 1 }));
    expect(erasureEvent).toMatchObject({ type: 'PartyErased', actor: 'privacy-officer-1', data: { partyId: id, legalBasis: 'GDPR art. 17(1)(a), request 2024-117' } });

    // Every read model says "erased"; the neighbour's own interaction is untouched.
    const view = (await t.http.get(`/v1/parties/${id}`).set('X-Min-Position', after).expect(200)).body;
    expect(view).toMatchObject({ status: 'erased', name: { full: '[erased]' }, contactPoints: [], identifiers: [] });
    expect(view.openCorrespondence.every((c: { subject: string }) => c.subject === '[erased]')).toBe(true);
    const timeline = (await t.http.get(`/v1/parties/${id}/timeline`).expect(200)).body.items as { refId: string; summary?: string }[];
    expect(timeline.find((e) => e.refId === own.body.id)?.summary).toBe('[erased]');
    expect((await t.http.get(`/v1/interactions/${own.body.id}`).expect(200)).body.summary).toBe('[erased]');
    expect((await t.http.get(`/v1/interactions/${shared.body.id}`).expect(200)).body.summary).toBe('Neighbour asked about bins');
    expect((await t.http.get('/v1/parties?q=ottoline').expect(200)).body.items).toEqual([]);
    // Reading the ledger shows the sealed fields as erased, for everyone, the auditor included.
    const exported = (await t.http.get(`/v1/parties/${id}/export`).expect(200)).text;
    for (const secret of SECRETS) expect(exported).not.toContain(secret);
    expect(exported).toContain('[erased]');

    // Nothing can be recorded about the erased party any more.
    expect((await t.http.post('/v1/interactions').send(interaction([id]))).status).toBeGreaterThanOrEqual(400);

    // The hash chains were computed over the sealed form: they still verify.
    await t.app.get(AccessRecorder).log.flush();
    expect((await t.http.get('/v1/audit/verify').expect(200)).body).toMatchObject({ ok: true, breaks: [] });

    // The key is gone from the vault, and no file under DATA_DIR holds any of the plaintext.
    const vault = new SqliteKeyVault(join(t.dataDir, 'keys.sqlite'), new LocalKeyWrapper(Buffer.from(readFileSync(join(t.dataDir, 'master.key'), 'utf8').trim(), 'base64')));
    expect(await vault.findKey(id)).toBeNull();
    expect(await vault.findKey(neighbour)).not.toBeNull();
    await vault.close();
    for (const secret of SECRETS) expect({ secret, files: filesContaining(t.dataDir, secret) }).toEqual({ secret, files: [] });
    // Whatever the stores are (MongoDB, EventStoreDB): the ledger as stored and every read-model document.
    const stored = JSON.stringify(await rawEvents(t.events).readAll({ limit: 1_000_000 })).toLowerCase();
    const documents = JSON.stringify(await Promise.all(LEDGER_COLLECTIONS.map((c) => t.app.get<ReadStore>(READ_STORE).find(c, {})))).toLowerCase();
    for (const secret of SECRETS) expect({ secret, inLedger: stored.includes(secret.toLowerCase()), inReadModels: documents.includes(secret.toLowerCase()) }).toEqual({ secret, inLedger: false, inReadModels: false });

    // A rebuild from the ledger after the erasure gives exactly the live read models.
    const live = t.app.get<ReadStore>(READ_STORE);
    const head = await t.events.headPosition();
    expect(await t.app.get(Projector).waitFor(head, 10_000)).toBe(true);
    const rebuilt = await rebuildViews(t.events, new MemoryReadStore());
    expect(rebuilt.position).toBe(head);
    expect(compareChecksums(await live.checksums(LEDGER_COLLECTIONS), rebuilt.checksums)).toMatchObject({ identical: true, differences: [] });
  });
});
