import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { DuplicateEventId, WrongExpectedRevision } from '../event-store.errors';
import { checkLink } from '../hash-chain';
import { SqliteEventStore } from './sqlite.event-store';

/** The compiled writer thread (ts-jest runs the sources; `npm test` builds dist/ first). */
const WRITER_THREAD = join(__dirname, '..', '..', '..', '..', 'dist', 'libs', 'event-store', 'src', 'sqlite', 'append-writer.thread.js');

const MODES: readonly [string, string | false][] = [['commits on the event loop', false], ['commits on a writer thread', WRITER_THREAD]];

describe.each(MODES)('embedded SQLite that %s', (_mode, writerThread) => {
  function tempStore(): { store: SqliteEventStore; dir: string } {
    const dir = mkdtempSync(join(tmpdir(), 'cl-es-'));
    return { store: new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20, writerThread }), dir };
  }

  if (writerThread) {
    it('has the compiled writer thread (npm run build)', () => {
      expect(existsSync(writerThread)).toBe(true);
    });

    it('commits here while writers only wait for their own appends, on the thread while appends come from outside', async () => {
      const { store, dir } = tempStore();
      // 16 writers, each appending as soon as its last append is answered: every group is committed here.
      await Promise.all(Array.from({ length: 16 }, async (_, w) => {
        for (let i = 0; i < 20; i += 1) await store.append(`w-${w}`, [newEvent()], i === 0 ? 'no_stream' : i - 1);
      }));
      expect(store.commitStats()).toEqual({ groups: 20, onWriterThread: 0 });
      // Groups started from outside (here a timer phase's callback, as requests arrive from sockets) go to the
      // thread once it has opened its connection.
      let round = 20;
      while (store.commitStats().onWriterThread < 3 && round < 20_000) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        await Promise.all(Array.from({ length: 16 }, (_, w) => store.append(`w-${w}`, [newEvent()], round - 1)));
        round += 1;
      }
      expect(store.commitStats().onWriterThread).toBe(3);
      const events = await store.readAll({ limit: 100_000 });
      expect(events).toHaveLength(16 * round);
      for (let w = 0; w < 16; w += 1) {
        const stream = events.filter((e) => e.streamId === `w-${w}`);
        expect(stream.map((e) => e.revision)).toEqual(Array.from({ length: round }, (_, i) => i));
        stream.forEach((e, i) => expect(checkLink(e, stream[i - 1])).toBeNull());
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  }

  if (writerThread) {
    it('keeps groups from outside on the thread while the loop is busy through their flights, even with nothing queued at the answer', async () => {
      const { store, dir } = tempStore();
      let round = 0;
      /** One round as under HTTP load: 16 appends from outside, and the loop busy (parsing requests, say) until they are answered. */
      const busyRound = async () => {
        await new Promise<void>((resolve) => setImmediate(resolve));
        let answered = false;
        const appends = Promise.all(Array.from({ length: 16 }, (_, w) => store.append(`w-${w}`, [newEvent()], round === 0 ? 'no_stream' : round - 1)))
          .finally(() => { answered = true; });
        while (!answered) {
          const until = performance.now() + 1;
          while (performance.now() < until) { /* the loop's other work */ }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
        await appends;
        round += 1;
      };
      while (store.commitStats().onWriterThread === 0 && round < 20_000) await busyRound();
      const before = store.commitStats();
      for (let i = 0; i < 40; i += 1) await busyRound();
      const after = store.commitStats();
      // Judged by the queue alone every flight looked idle, and only one group in five went to the thread.
      expect(after.groups - before.groups).toBe(40);
      expect(after.onWriterThread - before.onWriterThread).toBeGreaterThanOrEqual(36);
      const events = await store.readAll({ limit: 100_000 });
      expect(events).toHaveLength(16 * round);
      for (let w = 0; w < 16; w += 1) {
        const stream = events.filter((e) => e.streamId === `w-${w}`);
        stream.forEach((e, i) => expect(checkLink(e, stream[i - 1])).toBeNull());
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
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

    it('answers a retried single-event append whose expected revision still holds without writing again', async () => {
      const { store, dir } = tempStore();
      const event = newEvent();
      const first = await store.append('s', [event], 'any');
      // The same id again in the same turn (a client retrying at once) and later: the stored event answers both.
      const [sameTurn, other] = await Promise.all([store.append('s', [event], 'any'), store.append('t', [event], 'no_stream').catch((e: unknown) => e)]);
      expect(sameTurn).toEqual({ ...first, idempotent: true });
      expect(other).toBeInstanceOf(DuplicateEventId);
      expect(await store.append('s', [event], 0)).toEqual({ ...first, idempotent: true });
      expect((await store.readAll()).map((e) => e.id)).toEqual([event.id]);
      await expect(store.append('s', [newEvent()], 0)).resolves.toMatchObject({ nextExpectedRevision: 1, idempotent: false });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('answers reads with its own latest append at once (the heads it keeps follow its writer)', async () => {
      const { store, dir } = tempStore();
      for (let revision = 0; revision < 3; revision += 1) {
        await store.append('s', [newEvent()], revision === 0 ? 'no_stream' : revision - 1);
        expect(await store.streamMetadata('s')).toMatchObject({ revision });
        expect((await store.readStream('s')).length).toBe(revision + 1);
      }
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('commits what was accepted before it closes, and refuses appends afterwards', async () => {
      const { store, dir } = tempStore();
      const pending = Array.from({ length: 20 }, (_, i) => store.append(`c-${i}`, [newEvent()], 'no_stream'));
      await store.close();
      await expect(Promise.all(pending)).resolves.toHaveLength(20);
      await expect(store.append('late', [newEvent()], 'no_stream')).rejects.toThrow('closed');
      const reopened = new SqliteEventStore(join(dir, 'events.sqlite'), { writerThread });
      expect(await reopened.readAll({ limit: 100 })).toHaveLength(20);
      await reopened.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('commits on the event loop\'s thread when the writer thread cannot run', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cl-es-'));
      const store = new SqliteEventStore(join(dir, 'events.sqlite'), { writerThread: join(dir, 'missing-writer.js') });
      const results = await Promise.all(Array.from({ length: 10 }, (_, i) => store.append(`g-${i}`, [newEvent()], 'no_stream')));
      expect(results.map((r) => r.nextExpectedRevision)).toEqual(Array(10).fill(0));
      await expect(store.append('g-0', [newEvent()], 0)).resolves.toMatchObject({ nextExpectedRevision: 1 });
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });

    if (writerThread) {
      it('commits a lone append off the event loop when the loop is busy with other work, and on it when not', async () => {
        const { store, dir } = tempStore();
        // Whether the event loop took another turn while the append was committed (not when it was committed in its own turn).
        const loopRanWhile = async (append: Promise<unknown>): Promise<boolean> => {
          let ran = false;
          setImmediate(() => { ran = true; });
          await append;
          return ran;
        };
        const busyFor = (ms: number) => {
          const until = performance.now() + ms;
          while (performance.now() < until) { /* other work keeps the loop busy */ }
        };
        // A writer that only waits for its own appends: nothing to serve meanwhile, so each commits in its turn.
        const idle: boolean[] = [];
        for (let i = 0; i < 8; i += 1) idle.push(await loopRanWhile(store.append(`idle-${i}`, [newEvent()], 'no_stream')));
        // Most, not all: a descheduled test process could make one gap look busy on a loaded machine.
        expect(idle.filter((ran) => !ran).length).toBeGreaterThanOrEqual(6);
        // After work that kept the loop busy, the loop goes on while the commit is fsynced (once the thread is up).
        const busy: boolean[] = [];
        for (let i = 0; i < 12; i += 1) {
          busyFor(20);
          busy.push(await loopRanWhile(store.append(`busy-${i}`, [newEvent()], 'no_stream')));
        }
        expect(busy.slice(-4)).toEqual([true, true, true, true]);
        expect((await store.readAll({ limit: 100 })).map((e) => e.streamId)).toEqual([...idle.map((_, i) => `idle-${i}`), ...busy.map((_, i) => `busy-${i}`)]);
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      });
    }

    it('keeps an in-memory database on its one connection (no writer thread)', async () => {
      const store = new SqliteEventStore(':memory:', { writerThread });
      await store.append('m', [newEvent()], 'no_stream');
      expect((await store.readStream('m')).map((e) => e.revision)).toEqual([0]);
      await store.close();
    });

    it('opens a file of schema version 1: its table of stream heads goes, its streams go on from their last events', async () => {
      const { store, dir } = tempStore();
      const path = join(dir, 'events.sqlite');
      await store.append('s', [newEvent(), newEvent()], 'no_stream');
      await store.close();
      // Version 1 kept a table of heads beside the events; a stale one must not survive.
      const v1 = new Database(path);
      v1.exec(`CREATE TABLE streams (stream_id TEXT PRIMARY KEY, revision INTEGER NOT NULL, last_hash TEXT NOT NULL) WITHOUT ROWID;
        INSERT INTO streams VALUES ('s', 0, 'stale'); UPDATE store_meta SET value = '1' WHERE key = 'schema_version'`);
      v1.close();
      const reopened = new SqliteEventStore(path, { writerThread });
      await expect(reopened.append('s', [newEvent()], 1)).resolves.toMatchObject({ nextExpectedRevision: 2, idempotent: false });
      const events = await reopened.readStream('s');
      expect(events[2].prevHash).toBe(events[1].hash);
      await reopened.close();
      const after = new Database(path, { readonly: true });
      expect(after.prepare(`SELECT name FROM sqlite_master WHERE name = 'streams'`).all()).toEqual([]);
      expect(after.prepare(`SELECT value FROM store_meta WHERE key = 'schema_version'`).pluck().get()).toBe('2');
      after.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('sees appends another connection made to the same file (the heads it keeps are checked per write)', async () => {
      const { store, dir } = tempStore();
      const other = new SqliteEventStore(join(dir, 'events.sqlite'), { writerThread });
      await store.append('s', [newEvent()], 'no_stream');
      await other.append('s', [newEvent()], 0);
      await expect(store.append('s', [newEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
      expect(await store.streamMetadata('s')).toMatchObject({ revision: 1 });
      await expect(store.append('s', [newEvent()], 1)).resolves.toMatchObject({ nextExpectedRevision: 2 });
      const events = await other.readStream('s');
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(events[2].prevHash).toBe(events[1].hash);
      await other.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    });
  });
});
