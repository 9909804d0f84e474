import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLink, SqliteEventStore } from '@civic-ledger/event-store';
import { newEvent } from '../../event-store/src/event-store.contract';
import { EncryptingEventStore } from './encrypting.event-store';
import { KeyDestroyed, KeyVault } from './key-vault.port';
import { LocalKeyWrapper } from './local-key-wrapper';
import { MongoKeyVault } from './mongo/mongo.key-vault';
import { isSealed } from './sealed-field';
import { SqliteKeyVault } from './sqlite/sqlite.key-vault';
import { StoredKeyVault } from './stored-key-vault';

const wrapper = new LocalKeyWrapper(randomBytes(32));

function keyVaultContract(name: string, open: () => Promise<{ vault: KeyVault; reopen(other?: LocalKeyWrapper, previous?: LocalKeyWrapper[]): KeyVault; dispose(): Promise<void> }>): void {
  describe(`KeyVault contract: ${name}`, () => {
    it('creates one key per subject, keeps it across instances, and destroys it for good', async () => {
      const { vault, reopen, dispose } = await open();
      const [a, b] = [randomUUID(), randomUUID()];
      const key = await vault.dataKey(a);
      expect(key).toHaveLength(32);
      expect(await vault.dataKey(a)).toEqual(key);
      expect(await vault.dataKey(b)).not.toEqual(key);
      expect(await vault.findKey(randomUUID())).toBeNull();
      const other = reopen();
      expect(await other.findKey(a)).toEqual(key);
      await vault.destroy(a);
      expect(await vault.findKey(a)).toBeNull();
      await expect(vault.dataKey(a)).rejects.toBeInstanceOf(KeyDestroyed);
      const fresh = reopen();
      expect(await fresh.findKey(a)).toBeNull();
      await expect(fresh.dataKey(a)).rejects.toBeInstanceOf(KeyDestroyed);
      expect(await fresh.findKey(b)).not.toBeNull();
      await fresh.close();
      await other.close();
      await dispose();
    });

    it('rotates the master key: old keys open during the rotation, and only the new master key is needed after it', async () => {
      const { vault, reopen, dispose } = await open();
      const subjects = [randomUUID(), randomUUID(), randomUUID()];
      const keys = await Promise.all(subjects.map((s) => vault.dataKey(s)));
      await vault.destroy(subjects[2]);
      const next = new LocalKeyWrapper(randomBytes(32));
      const rotating = reopen(next, [wrapper]) as StoredKeyVault;
      expect(await rotating.findKey(subjects[0])).toEqual(keys[0]);
      const fresh = randomUUID();
      const freshKey = await rotating.dataKey(fresh);
      const report = await rotating.rotate();
      expect(report.rewrapped).toBeGreaterThanOrEqual(2);
      expect(report.destroyed).toBeGreaterThanOrEqual(1);
      expect(await rotating.rotate()).toMatchObject({ rewrapped: 0 });
      const after = reopen(next);
      expect(await after.findKey(subjects[0])).toEqual(keys[0]);
      expect(await after.findKey(subjects[1])).toEqual(keys[1]);
      expect(await after.findKey(fresh)).toEqual(freshKey);
      expect(await after.findKey(subjects[2])).toBeNull();
      const stale = reopen(wrapper);
      await expect(stale.findKey(subjects[0])).rejects.toThrow(/MASTER_KEY_PREVIOUS_FILES/);
      await Promise.all([rotating.close(), after.close(), stale.close()]);
      await dispose();
    });

    it('cannot unwrap keys under another master key', async () => {
      const { vault, reopen, dispose } = await open();
      const subject = randomUUID();
      await vault.dataKey(subject);
      const stranger = reopen(new LocalKeyWrapper(randomBytes(32)));
      await expect(stranger.findKey(subject)).rejects.toThrow();
      await stranger.close();
      await dispose();
    });
  });
}

keyVaultContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-keys-'));
  const path = join(dir, 'keys.sqlite');
  const vault = new SqliteKeyVault(path, wrapper);
  return { vault, reopen: (other = wrapper, previous = []) => new SqliteKeyVault(path, other, previous), dispose: async () => { await vault.close(); rmSync(dir, { recursive: true, force: true }); } };
});

const mongoUrl = process.env.MONGODB_URL;
(mongoUrl ? keyVaultContract : () => undefined)('MongoDB', async () => {
  const url = `${mongoUrl}/cl_keys_${randomUUID().slice(0, 8)}`;
  const vault = MongoKeyVault.connect(url, wrapper);
  return { vault, reopen: (other = wrapper, previous = []) => MongoKeyVault.connect(url, other, previous), dispose: () => vault.close() };
});

(mongoUrl ? describe : describe.skip)('MongoKeyVault database', () => {
  it('uses the same database as every Mongo component: the URL path, else civic_ledger (never the driver default "test")', async () => {
    const { MongoClient } = await import('mongodb');
    const { mongoDatabaseName } = await import('@civic-ledger/config');
    const bare = (mongoUrl as string).replace(/^(mongodb(?:\+srv)?:\/\/[^/?#]*).*$/, '$1'); // no database in the URL
    const subject = randomUUID();
    const vault = MongoKeyVault.connect(bare, wrapper);
    const client = new MongoClient(bare);
    try {
      await vault.dataKey(subject);
      expect(mongoDatabaseName(bare)).toBe('civic_ledger');
      expect(await client.db('civic_ledger').collection('data_keys').countDocuments({ _id: subject as never })).toBe(1);
      expect(await client.db('test').collection('data_keys').countDocuments({ _id: subject as never })).toBe(0);
    } finally {
      await client.close();
      await vault.close();
    }
  });
});

describe('EncryptingEventStore', () => {
  let dir: string;
  let inner: SqliteEventStore;
  let store: EncryptingEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-enc-'));
    inner = new SqliteEventStore(join(dir, 'events.sqlite'));
    store = new EncryptingEventStore(inner, new SqliteKeyVault(join(dir, 'keys.sqlite'), wrapper));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores personal fields sealed with the party key, reads them back, and shows them erased once the key is gone', async () => {
    const partyId = randomUUID();
    const interactionId = randomUUID();
    await store.append(`party-${partyId}`, [newEvent('PartyRegistered', { partyId, kind: 'person', name: { full: 'Zoë Núñez' }, birthDate: '1980-01-02' })], 'no_stream');
    await store.append(`interaction-${interactionId}`, [newEvent('InteractionRecorded', { interactionId, partyIds: [partyId], channel: 'phone', summary: 'Asked about rent' })], 'no_stream');
    const [raw] = await inner.readStream(`party-${partyId}`);
    expect(isSealed(raw.data.name)).toBe(true);
    expect(JSON.stringify(raw)).not.toContain('Zoë');
    expect(raw.data).toMatchObject({ partyId, kind: 'person' });
    expect((await store.readStream(`party-${partyId}`))[0].data).toMatchObject({ name: { full: 'Zoë Núñez' }, birthDate: '1980-01-02' });
    expect((await store.readStream(`interaction-${interactionId}`))[0].data.summary).toBe('Asked about rent');

    await store.shred(partyId);
    const [erased] = await store.readStream(`party-${partyId}`);
    expect(erased.data).toEqual({ partyId, kind: 'person', name: { full: '[erased]' } });
    expect((await store.readAll({ limit: 10 })).map((e) => e.data.summary ?? null)).toEqual([null, '[erased]']);
    // The chain was computed over the sealed form and still holds.
    const [rawAfter] = await inner.readStream(`party-${partyId}`);
    expect(checkLink(rawAfter, undefined)).toBeNull();
    await expect(store.append(`interaction-${interactionId}`, [newEvent('InteractionAmended', { interactionId, changes: { summary: 'x' } })], 0)).rejects.toBeInstanceOf(KeyDestroyed);
  });

  it('seals a later event of a contact with the key of the party its first event names', async () => {
    const [first, second, interactionId] = [randomUUID(), randomUUID(), randomUUID()];
    const stream = `interaction-${interactionId}`;
    await store.append(stream, [newEvent('InteractionRecorded', { interactionId, partyIds: [first, second], channel: 'phone', summary: 'Asked about rent' })], 'no_stream');
    await store.append(stream, [newEvent('InteractionAmended', { interactionId, changes: { summary: 'Asked about rent arrears' }, reason: 'typo' })], 0);
    // A second store on the same files knows nothing of the stream yet: it reads whose it is from the first event.
    const other = new EncryptingEventStore(new SqliteEventStore(join(dir, 'events.sqlite')), new SqliteKeyVault(join(dir, 'keys.sqlite'), wrapper));
    await other.append(stream, [newEvent('InteractionAmended', { interactionId, changes: { summary: 'Asked about rent arrears, twice' }, reason: 'more' })], 1);
    await other.close();
    const raw = await inner.readStream(stream);
    expect(raw.map((e) => ((e.data.summary ?? (e.data.changes as { summary: unknown }).summary) as { k: string }).k)).toEqual([first, first, first]);
    expect((await store.readStream(stream)).map((e) => e.data.summary ?? (e.data.changes as { summary: unknown }).summary)).toEqual([
      'Asked about rent', 'Asked about rent arrears', 'Asked about rent arrears, twice',
    ]);
  });

  it('seals every personal field of an event, top-level and nested, in a copy: the caller\'s event is left as it was', async () => {
    const [partyId, interactionId] = [randomUUID(), randomUUID()];
    const stream = `interaction-${interactionId}`;
    const recorded = newEvent('InteractionRecorded', { interactionId, partyIds: [partyId], channel: 'phone', summary: 'Asked about rent', outcome: 'Sent the form' });
    const amended = newEvent('InteractionAmended', {
      interactionId, changes: { summary: 'Asked about rent arrears', outcome: 'Sent two forms' }, previous: { summary: 'Asked about rent' }, reason: 'typo',
    });
    const before = JSON.stringify([recorded, amended]);
    await store.append(stream, [recorded], 'no_stream');
    await store.append(stream, [amended], 0);
    expect(JSON.stringify([recorded, amended])).toBe(before);
    const raw = await inner.readStream(stream);
    const changes = raw[1].data.changes as Record<string, unknown>;
    const previous = raw[1].data.previous as Record<string, unknown>;
    expect([raw[0].data.summary, raw[0].data.outcome, changes.summary, changes.outcome, previous.summary, raw[1].data.reason].every(isSealed)).toBe(true);
    expect(JSON.stringify(raw)).not.toMatch(/rent|form|typo/);
    expect(raw[0].data).toMatchObject({ interactionId, partyIds: [partyId], channel: 'phone' });
    const opened = await store.readStream(stream);
    expect(opened.map((e) => e.data)).toEqual([recorded.data, amended.data]);
  });

  it('binds each ciphertext to its place: a sealed field copied into another event does not open', async () => {
    const partyId = randomUUID();
    await store.append(`party-${partyId}`, [newEvent('PartyRegistered', { partyId, kind: 'person', name: { full: 'A' } }), newEvent('PartyNameChanged', { partyId, name: { full: 'B' } })], 'no_stream');
    const [first, second] = await inner.readStream(`party-${partyId}`);
    const vault = new SqliteKeyVault(join(dir, 'keys.sqlite'), wrapper);
    const swapped = new EncryptingEventStore({ readStream: async () => [{ ...second, data: { ...second.data, name: first.data.name } }] } as unknown as SqliteEventStore, vault);
    await expect(swapped.readStream(`party-${partyId}`)).rejects.toThrow();
    expect((await store.readStream(`party-${partyId}`)).map((e) => (e.data.name as { full: string }).full)).toEqual(['A', 'B']);
    await vault.close();
  });
});
