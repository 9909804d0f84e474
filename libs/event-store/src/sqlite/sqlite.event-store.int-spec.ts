import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { SqliteEventStore } from './sqlite.event-store';

function tempStore(): { store: SqliteEventStore; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'cl-es-'));
  return { store: new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 }), dir };
}

eventStoreContract('embedded SQLite', async () => {
  const { store, dir } = tempStore();
  return { store, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
});

describe('SqliteEventStore specifics', () => {
  it('survives reopening: events, revisions and chain are durable', async () => {
    const { store, dir } = tempStore();
    await store.append('s-1', [newEvent(), newEvent()], 'no_stream');
    await store.close();
    const reopened = new SqliteEventStore(join(dir, 'events.sqlite'));
    const events = await reopened.readStream('s-1');
    expect(events.map((e) => e.revision)).toEqual([0, 1]);
    await expect(reopened.append('s-1', [newEvent()], 1)).resolves.toMatchObject({ nextExpectedRevision: 2 });
    await reopened.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('commits concurrent appends from one turn together, failing only the conflicting one', async () => {
    const { store, dir } = tempStore();
    const results = await Promise.allSettled([
      store.append('a', [newEvent()], 'no_stream'),
      store.append('b', [newEvent()], 'no_stream'),
      store.append('a', [newEvent()], 'no_stream'),
      store.append('c', [newEvent()], 'no_stream'),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled']);
    const all = await store.readAll();
    expect(all.map((e) => e.streamId)).toEqual(['a', 'b', 'c']);
    expect(new Set(all.map((e) => e.recordedAt)).size).toBe(1);
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
