import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryReadStore } from '../memory/memory.read-store';
import { readStoreContract } from '../read-store.contract';
import { SqliteReadStore } from './sqlite.read-store';

readStoreContract('embedded SQLite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-rs-'));
  const store = new SqliteReadStore(join(dir, 'views.sqlite'));
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

readStoreContract('in-memory', async () => {
  const store = new MemoryReadStore();
  return { store, dispose: () => store.close() };
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
