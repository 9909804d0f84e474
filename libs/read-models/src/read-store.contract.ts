import { ensureQuarantine, listQuarantine, QUARANTINE_COLLECTION, quarantineEntry } from './quarantine';
import { ReadStore } from './read-store.port';

export interface ReadStoreFixture {
  store: ReadStore;
  dispose(): Promise<void>;
}

const C = 'things';
const indexes = [{ name: 'party_at', fields: ['partyId', 'at', 'id'] }, { name: 'kind_value', fields: ['kind', 'value'] }];
const doc = (id: string, partyId: string, at: string, extra: Record<string, unknown> = {}) => ({ id, partyId, at, kind: 'name', value: id, tags: ['x'], ...extra });

/** The shared contract every ReadStore adapter must pass, unchanged. */
export function readStoreContract(name: string, createFixture: () => Promise<ReadStoreFixture>): void {
  describe(`ReadStore contract: ${name}`, () => {
    let fixture: ReadStoreFixture;
    let store: ReadStore;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
      await store.ensureCollection(C, indexes);
      await store.ensureCollection(C, indexes); // idempotent
    });
    afterEach(async () => fixture.dispose());

    it('upserts, gets, deletes and moves the checkpoint atomically with the documents', async () => {
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', '2024-01-01'), position: 1 }], { name: 'cp', position: 1 });
      expect(await store.get(C, 'a')).toEqual(doc('a', 'p1', '2024-01-01'));
      expect(await store.checkpoint('cp')).toBe(1);
      await store.commit([{ collection: C, id: 'a', doc: null, position: 2 }], { name: 'cp', position: 2 });
      expect(await store.get(C, 'a')).toBeNull();
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', 'again'), position: 3 }], { name: 'cp', position: 3 });
      expect(await store.get(C, 'a')).toMatchObject({ at: 'again' });
      expect(await store.checkpoint('cp')).toBe(3);
      expect(await store.checkpoint('other')).toBe(0);
    });

    it('gets a document the caller owns: changing it changes neither the store nor the next get', async () => {
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', '2024-01-01'), position: 1 }], { name: 'cp', position: 1 });
      const first = await store.get(C, 'a');
      const second = await store.get(C, 'a');
      expect(first).not.toBe(second);
      (first as unknown as Record<string, unknown>).at = 'changed by a reader';
      expect(await store.get(C, 'a')).toEqual(doc('a', 'p1', '2024-01-01'));
      expect(second).toEqual(doc('a', 'p1', '2024-01-01'));
    });

    it('never lets a redelivered older event overwrite a newer document or move the checkpoint back', async () => {
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', 'new'), position: 10 }], { name: 'cp', position: 10 });
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', 'old'), position: 5 }], { name: 'cp', position: 5 });
      await store.commit([{ collection: C, id: 'a', doc: null, position: 6 }], { name: 'cp', position: 6 });
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p1', 'same event again'), position: 10 }], { name: 'cp', position: 10 });
      await store.commit([{ collection: C, id: 'a', doc: null, position: 10 }], { name: 'cp', position: 10 });
      expect(await store.get(C, 'a')).toMatchObject({ at: 'new' });
      expect(await store.checkpoint('cp')).toBe(10);
    });

    it('commits documents given as JSON text as commit does: same documents, same guard, same checkpoint, same checksum', async () => {
      const other = 'json_things';
      await store.ensureCollection(other, indexes);
      const a = doc('a', 'p1', 'new');
      await store.commit([{ collection: C, id: 'a', doc: a, position: 10 }], { name: 'cp', position: 10 });
      await store.commitJson([{ collection: other, id: 'a', doc: JSON.stringify(a), position: 10 }], { name: 'cp-json', position: 10 });
      await store.commitJson([
        { collection: other, id: 'a', doc: JSON.stringify(doc('a', 'p1', 'old')), position: 5 },
        { collection: other, id: 'b', doc: JSON.stringify(doc('b', 'p2', 'gone')), position: 11 },
      ], { name: 'cp-json', position: 5 });
      await store.commitJson([{ collection: other, id: 'b', doc: null, position: 12 }], []);
      expect(await store.get(other, 'a')).toEqual(a);
      expect(await store.get(other, 'b')).toBeNull();
      expect(await store.checkpoint('cp-json')).toBe(10);
      const [plain, json] = await store.checksums([C, other]);
      expect({ count: json.count, sha256: json.sha256 }).toEqual({ count: plain.count, sha256: plain.sha256 });
    });

    it('gets many in the order asked, skipping missing ids', async () => {
      await store.commit(['a', 'b', 'c'].map((id, i) => ({ collection: C, id, doc: doc(id, 'p', 't'), position: i + 1 })), { name: 'cp', position: 3 });
      expect((await store.getMany(C, ['c', 'zz', 'a'])).map((d) => d.id)).toEqual(['c', 'a']);
      expect(await store.getMany(C, [])).toEqual([]);
    });

    it('finds with equality, ranges, prefixes, membership, array containment, sorting and keyset pages', async () => {
      const docs = [
        doc('e1', 'p1', '2024-01-01'), doc('e2', 'p1', '2024-02-01', { tags: ['y'] }), doc('e3', 'p1', '2024-02-01'),
        doc('e4', 'p2', '2024-03-01'), doc('e5', 'p1', '2024-04-01', { kind: 'email', value: 'zoe@x.org' }),
      ];
      await store.commit(docs.map((d, i) => ({ collection: C, id: d.id, doc: d, position: i + 1 })), { name: 'cp', position: 5 });
      const ids = async (q: Parameters<ReadStore['find']>[1]) => (await store.find(C, q)).map((d) => d.id);
      const byTime = [{ field: 'at', direction: 'desc' as const }, { field: 'id', direction: 'desc' as const }];
      expect(await ids({ where: [{ field: 'partyId', op: 'eq', value: 'p1' }], orderBy: byTime })).toEqual(['e5', 'e3', 'e2', 'e1']);
      expect(await ids({ where: [{ field: 'partyId', op: 'eq', value: 'p1' }], orderBy: byTime, after: ['2024-02-01', 'e3'], limit: 2 })).toEqual(['e2', 'e1']);
      expect(await ids({ where: [{ field: 'at', op: 'gte', value: '2024-02-01' }, { field: 'at', op: 'lt', value: '2024-04-01' }], orderBy: [{ field: 'id', direction: 'asc' }] })).toEqual(['e2', 'e3', 'e4']);
      expect(await ids({ where: [{ field: 'partyId', op: 'in', value: ['p2', 'p9'] }] })).toEqual(['e4']);
      // Short and long lists (the SQLite adapter binds them differently), an empty one, and two lists at once.
      const many = [...Array.from({ length: 40 }, (_, i) => `q${i}`), 'p2'];
      expect(await ids({ where: [{ field: 'partyId', op: 'in', value: many }] })).toEqual(['e4']);
      expect(await ids({ where: [{ field: 'partyId', op: 'in', value: [] }] })).toEqual([]);
      expect(await ids({ where: [{ field: 'partyId', op: 'in', value: ['p1', 'p2'] }, { field: 'id', op: 'in', value: ['e4', 'e1', 'e9'] }], orderBy: [{ field: 'id', direction: 'asc' }] })).toEqual(['e1', 'e4']);
      expect(await ids({ where: [{ field: 'tags', op: 'has', value: 'y' }] })).toEqual(['e2']);
      expect(await ids({ where: [{ field: 'kind', op: 'eq', value: 'name' }, { field: 'value', op: 'prefix', value: 'e' }], orderBy: [{ field: 'id', direction: 'asc' }], limit: 2 })).toEqual(['e1', 'e2']);
      expect(await ids({ where: [{ field: 'value', op: 'eq', value: 'zoe@x.org' }] })).toEqual(['e5']);
    });

    it('replaces an earlier index: queries keep their answers, again on the next start', async () => {
      await store.commit([doc('e1', 'p1', '2024-01-01'), doc('e2', 'p1', '2024-02-01')].map((d, i) => ({ collection: C, id: d.id, doc: d, position: i + 1 })), { name: 'cp', position: 2 });
      const wider = [{ name: 'party_at_kind', fields: ['partyId', 'at', 'id', 'kind'], replaces: ['party_at'] }, indexes[1]];
      await store.ensureCollection(C, wider);
      await store.ensureCollection(C, wider);
      const found = await store.find(C, { where: [{ field: 'partyId', op: 'eq', value: 'p1' }, { field: 'kind', op: 'in', value: ['name'] }], orderBy: [{ field: 'at', direction: 'desc' }, { field: 'id', direction: 'desc' }] });
      expect(found.map((d) => d.id)).toEqual(['e2', 'e1']);
    });

    it('hands over found documents as JSON text: the same documents, in the same order, as find', async () => {
      const docs = [doc('e1', 'p1', '2024-01-01', { tags: ['x', 'y'] }), doc('e2', 'p1', '2024-02-01'), doc('e3', 'p2', '2024-03-01'), doc('e4', 'p1', '2024-04-01')];
      await store.commit(docs.map((d, i) => ({ collection: C, id: d.id, doc: d, position: i + 1 })), { name: 'cp', position: 4 });
      const query = { where: [{ field: 'partyId', op: 'eq' as const, value: 'p1' }], orderBy: [{ field: 'at', direction: 'desc' as const }, { field: 'id', direction: 'desc' as const }], after: ['2024-04-01', 'e4'], limit: 2 };
      const json = await store.findJson(C, query);
      expect(json.every((text) => typeof text === 'string')).toBe(true);
      expect(json.map((text) => JSON.parse(text))).toEqual(await store.find(C, query));
      expect(json.map((text) => JSON.parse(text).id)).toEqual(['e2', 'e1']);
      expect(await store.findJson(C, { where: [{ field: 'partyId', op: 'eq', value: 'nobody' }] })).toEqual([]);
    });

    it('keeps quarantined events with the checkpoint and lists them by position', async () => {
      const recorded = (position: number) => ({
        id: `e${position}`, type: 'PartyRegistered', data: {}, occurredAt: 't', actor: 'a', correlationId: 'c', causationId: null, schemaVersion: 1,
        streamId: 'party-1', revision: 0, position, recordedAt: 't', prevHash: '', hash: '',
      });
      await ensureQuarantine(store);
      expect(await listQuarantine(store)).toEqual([]);
      const late = quarantineEntry(recorded(9), 'timeline.v1', new TypeError('x is not iterable'));
      const early = quarantineEntry(recorded(4), 'party-view.v1', new Error('a message that may carry data'));
      await store.commit([late, early].map((q) => ({ collection: QUARANTINE_COLLECTION, id: q.id, doc: q, position: q.position })), { name: 'cp', position: 9 });
      expect(await listQuarantine(store)).toEqual([early, late]);
      expect(early.error).toEqual({ name: 'Error' });
      expect(late.error).toEqual({ name: 'TypeError', message: 'x is not iterable' });
      const coded = Object.assign(new TypeError('The "path" argument must be of type string. Received type number (123)'), { code: 'ERR_INVALID_ARG_TYPE' });
      expect(quarantineEntry(recorded(10), 'x', coded).error).toEqual({ name: 'TypeError' });
    });

    it('scans documents with their positions in id order, page by page', async () => {
      await store.commit(['c', 'a', 'b', 'd'].map((id, i) => ({ collection: C, id, doc: doc(id, 'p', 't'), position: i + 1 })), { name: 'cp', position: 4 });
      await store.commit([{ collection: C, id: 'd', doc: null, position: 5 }], { name: 'cp', position: 5 });
      const first = await store.scan(C, null, 2);
      expect(first).toEqual([{ doc: doc('a', 'p', 't'), position: 2 }, { doc: doc('b', 'p', 't'), position: 3 }]);
      expect(await store.scan(C, 'b', 2)).toEqual([{ doc: doc('c', 'p', 't'), position: 1 }]);
      expect(await store.scan(C, 'c', 2)).toEqual([]);
    });

    it('computes checksums that change with any document', async () => {
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p', 't'), position: 1 }], { name: 'cp', position: 1 });
      const [before] = await store.checksums([C]);
      expect(before.count).toBe(1);
      await store.commit([{ collection: C, id: 'a', doc: doc('a', 'p', 'u'), position: 2 }], { name: 'cp', position: 2 });
      const [after] = await store.checksums([C]);
      expect(after.sha256).not.toBe(before.sha256);
    });
  });
}
