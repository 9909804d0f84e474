import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessLogStreamId } from '@civic-ledger/domain';
import { EventStore, SqliteEventStore, StreamNotFound } from '@civic-ledger/event-store';
import { AccessLog, AccessRecord } from './access-log';

const AT = new Date('2024-06-01T10:00:00.000Z');
const look = (partyId: string): AccessRecord => ({ partyId, actor: 'staff-7', role: 'supervisor', endpoint: 'view', at: AT });
const stream = (events: EventStore) => events.readStream(accessLogStreamId(AT)).catch((error: unknown) => { if (error instanceof StreamNotFound) return []; throw error; });
const accessesIn = async (events: EventStore) => (await stream(events)).map((e) => (e.data as { accesses: { partyId: string }[] }).accesses.map((a) => a.partyId));

/** A read answers only once its access is stored: record() settles with the durable append of its batch. */
/** The store, except that its first append fails as a full disk would. */
function failingFirstAppend<T extends object>(store: T): T {
  let failures = 1;
  return new Proxy(store, {
    get(target, key) {
      if (key === 'append' && failures > 0) return async () => { failures -= 1; throw new Error('disk full'); };
      const value = Reflect.get(target, key) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

describe('AccessLog: an access is stored before its read is answered', () => {
  let dir: string;
  let events: SqliteEventStore;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-access-log-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('resolves once the access is in the event store; the accesses of one turn share one append', async () => {
    const log = new AccessLog(events);
    const stored = [log.record(look('p-1')), log.record(look('p-2')), log.record(look('p-3'))];
    expect(await accessesIn(events)).toEqual([]);
    await Promise.all(stored);
    expect(await accessesIn(events)).toEqual([['p-1', 'p-2', 'p-3']]);
    expect(log.pending).toBe(0);
  });

  it('gathers the accesses recorded while an append runs into the next one', async () => {
    const log = new AccessLog(events);
    const first = log.record(look('p-1'));
    await new Promise((resolve) => setImmediate(resolve)); // the first batch is on its way
    const later = [log.record(look('p-2')), log.record(look('p-3'))];
    await Promise.all([first, ...later]);
    expect(await accessesIn(events)).toEqual([['p-1'], ['p-2', 'p-3']]);
  });

  it('rejects the waiting reads when the append fails, and keeps their accesses for the next append', async () => {
    const flaky = failingFirstAppend(events);
    const errors: unknown[] = [];
    const log = new AccessLog(flaky, { onError: (error) => errors.push(error) });
    await expect(log.record(look('p-1'))).rejects.toThrow('disk full');
    expect(await accessesIn(events)).toEqual([]);
    expect(log.pending).toBe(1);
    const next = log.record(look('p-2'));
    await log.flush();
    await next;
    expect(await accessesIn(events)).toEqual([['p-1', 'p-2']]);
    expect(errors).toHaveLength(1);
  });

  it('needs no catch from a caller that does not wait (break glass, the CLI)', async () => {
    const flaky = failingFirstAppend(events);
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const log = new AccessLog(flaky, { onError: () => undefined });
      void log.record(look('p-1'));
      await log.flush();
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
      await log.flush();
      expect(await accessesIn(events)).toEqual([['p-1']]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});
