import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { MemoryReadStore } from '../memory/memory.read-store';
import { findTimeline } from '../queries/party-queries';
import { timelineProjection } from '../projections/timeline.projection';
import { compileQuery } from './sqlite.query';
import { readStoreContract } from '../read-store.contract';
import { CACHE_KIB, SqliteReadStore } from './sqlite.read-store';

readStoreContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-rs-'));
  const store = new SqliteReadStore(join(dir, 'views.sqlite'));
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

readStoreContract('in-memory', async () => {
  const store = new MemoryReadStore();
  return { store, dispose: () => store.close() };
});

describe('SqliteReadStore page cache', () => {
  it('keeps 8 MB per connection on a live set and 64 MB for a bulk load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-rs-'));
    const cacheOf = (store: SqliteReadStore) => (store as unknown as { db: Database.Database }).db.pragma('cache_size', { simple: true });
    const live = new SqliteReadStore(join(dir, 'live.sqlite'));
    const bulk = new SqliteReadStore(join(dir, 'bulk.sqlite'), { bulkLoad: true });
    expect(cacheOf(live)).toBe(-CACHE_KIB.live);
    expect(cacheOf(bulk)).toBe(-CACHE_KIB.bulkLoad);
    expect([CACHE_KIB.live, CACHE_KIB.bulkLoad]).toEqual([8_192, 65_536]);
    await live.close();
    await bulk.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteReadStore and the memory store agree on checksums', () => {
  it('produces identical checksums for identical documents', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-rs-'));
    const sqlite = new SqliteReadStore(join(dir, 'views.sqlite'));
    const memory = new MemoryReadStore();
    for (const store of [sqlite, memory]) {
      await store.ensureCollection('c', []);
      await store.commit([
        { collection: 'c', id: 'b', doc: { id: 'b', name: 'Zoë', n: [1, 2] }, position: 1 },
        { collection: 'c', id: 'a', doc: { id: 'a', nested: { x: true } }, position: 2 },
      ], { name: 'cp', position: 2 });
    }
    expect(await sqlite.checksums(['c'])).toEqual(await memory.checksums(['c']));
    await sqlite.close();
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('SqliteReadStore: the scoped timeline page', () => {
  it('is answered from the scope index, which replaces the earlier party/time index of an older file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-rs-'));
    const path = join(dir, 'views.sqlite');
    const older = new Database(path);
    older.exec("CREATE TABLE rm_timeline (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pos INTEGER NOT NULL, doc TEXT NOT NULL)");
    older.exec("CREATE INDEX rm_timeline__party_occurred ON rm_timeline (json_extract(doc, '$.partyId'), json_extract(doc, '$.occurredAt'), json_extract(doc, '$.id'))");
    older.close();
    const store = new SqliteReadStore(path);
    for (const c of timelineProjection.collections) await store.ensureCollection(c.name, c.indexes);
    const entry = (i: number, audience: string, confidentiality: string) => ({
      id: `p1:e${i}`, partyId: 'p1', occurredAt: `2024-01-${String(i).padStart(2, '0')}`, audience, confidentiality, kind: 'interaction', summary: `contact ${i}`,
    });
    const entries = [entry(1, 'housing', 'normal'), entry(2, 'benefits', 'normal'), entry(3, 'housing', 'restricted'), entry(4, '*', 'normal'), entry(5, 'housing', 'sensitive')];
    await store.commit(entries.map((d, i) => ({ collection: 'timeline', id: d.id, doc: d, position: i + 1 })), { name: 'cp', position: 5 });
    const scope = { departments: ['housing'], confidentiality: ['normal', 'sensitive'], kinds: ['interaction' as const] };
    const page = await findTimeline(store, ['p1'], scope, 2);
    expect(JSON.parse(page.json)).toEqual({ items: [entries[4], entries[3]], nextCursor: page.nextCursor });
    const next = await findTimeline(store, ['p1'], scope, 2, page.nextCursor ?? undefined);
    expect(next.items).toEqual([entries[0]]);
    expect(next.nextCursor).toBeNull();
    await store.close();

    const db = new Database(path, { readonly: true });
    const indexNames = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'rm_timeline' AND sql IS NOT NULL").pluck().all() as string[]).sort();
    expect(indexNames).toEqual(['rm_timeline__about_record', 'rm_timeline__party_scope']);
    const { sql, params } = compileQuery('rm_timeline', {
      where: [{ field: 'partyId', op: 'eq', value: 'p1' }, { field: 'confidentiality', op: 'in', value: scope.confidentiality }, { field: 'audience', op: 'in', value: ['housing', '*'] }, { field: 'kind', op: 'in', value: scope.kinds }],
      orderBy: [{ field: 'occurredAt', direction: 'desc' }, { field: 'id', direction: 'desc' }], limit: 3,
    });
    const plan = (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join('\n');
    expect(plan).toContain('USING INDEX rm_timeline__party_scope');
    expect(plan).not.toContain('TEMP B-TREE'); // the index gives the order: no sort of the party's entries
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
