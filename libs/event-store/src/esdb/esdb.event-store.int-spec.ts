import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { EsdbFakeServer } from '../../../../tests/infra/esdb-fake/esdb-fake.server';
import { EventStoreUnavailable, WrongExpectedRevision } from '../event-store.errors';
import { eventStoreContract, newEvent } from '../event-store.contract';
import { SubscriptionMessage } from '../event-store.port';
import { checkLink } from '../hash-chain';
import { EsdbEventStore } from './esdb.event-store';

const ESDB_CAPABILITIES = { globallyUniqueEventIds: false };

describe('EventStoreDB adapter on the protocol-faithful test server', () => {
  const server = new EsdbFakeServer();
  beforeAll(() => server.start(0));
  afterAll(() => server.stop());

  eventStoreContract('EventStoreDB (test server)', async () => {
    const store = new EsdbEventStore(server.url);
    return { store, dispose: () => store.close() };
  }, ESDB_CAPABILITIES);

  describe('EventStoreDB specifics', () => {
    let store: EsdbEventStore;
    beforeEach(() => { store = new EsdbEventStore(server.url); });
    afterEach(() => store.close());

    it('keeps the envelope in EventStoreDB metadata under its own correlation names', async () => {
      const s = `party-${randomUUID()}`;
      const event = { ...newEvent('PartyRegistered', { name: 'Zoë' }), causationId: randomUUID() };
      await store.append(s, [event], 'no_stream');
      const raw = EventStoreDBClient.connectionString(server.url);
      try {
        for await (const resolved of raw.readStream(s)) {
          expect(resolved.event?.data).toEqual({ name: 'Zoë' });
          expect(resolved.event?.metadata).toMatchObject({
            $correlationId: event.correlationId, $causationId: event.causationId, actor: 'staff-1', occurredAt: event.occurredAt, prevHash: '0'.repeat(64),
          });
        }
      } finally {
        await raw.dispose();
      }
    });

    it('never shows system events: reads, subscriptions and the head position skip them', async () => {
      const s = `contract-${randomUUID()}`;
      await store.append(s, [newEvent('Mine')], 'no_stream');
      const head = await store.headPosition();
      server.writeSystemEvent('$stats-127.0.0.1:2113', '$statsCollected');
      expect(await store.headPosition()).toBe(head);
      const all = await store.readAll({ limit: 100_000 });
      expect(all.length).toBeGreaterThan(0);
      expect(all.every((e) => !e.type.startsWith('$') && !e.streamId.startsWith('$'))).toBe(true);
      const subscription = store.subscribeAll({ fromPosition: 0 });
      const types: string[] = [];
      for await (const message of subscription) {
        if (message.kind === 'caught-up') {
          expect(message.position).toBe(head);
          break;
        }
        types.push(message.event.type);
      }
      expect(types.some((t) => t.startsWith('$'))).toBe(false);
      expect(types).toContain('Mine');
    });

    it('reads $all in pages without losing or repeating events', async () => {
      const start = await store.headPosition();
      const s = `paged-${randomUUID()}`;
      await store.append(s, Array.from({ length: 2_500 }, (_, n) => newEvent('N', { n })), 'no_stream');
      const all = await store.readAll({ fromPosition: start, limit: 10_000 });
      expect(all.map((e) => e.data.n)).toEqual(Array.from({ length: 2_500 }, (_, n) => n));
    });

    it('keeps the hash chain intact under concurrent writers with "any"', async () => {
      const s = `busy-${randomUUID()}`;
      await Promise.all(Array.from({ length: 16 }, () => store.append(s, [newEvent()], 'any')));
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 16 }, (_, n) => n));
      events.forEach((e, i) => expect(checkLink(e, i === 0 ? undefined : events[i - 1])).toBeNull());
    });

    it('tells the caller the actual revision when a pinned append loses a race', async () => {
      const s = `race-${randomUUID()}`;
      await store.append(s, [newEvent()], 'no_stream');
      await store.append(s, [newEvent()], 0);
      await expect(store.append(s, [newEvent()], 0)).rejects.toEqual(expect.objectContaining({ name: 'WrongExpectedRevision', actual: 1 }));
      await expect(store.append(s, [newEvent()], 0)).rejects.toBeInstanceOf(WrongExpectedRevision);
    });

    it('keeps the chain when another process appended behind a remembered stream head', async () => {
      const s = `two-writers-${randomUUID()}`;
      const other = new EsdbEventStore(server.url);
      try {
        await store.append(s, [newEvent()], 'no_stream');
        await other.append(s, [newEvent()], 0);
        await expect(store.append(s, [newEvent()], 'any')).resolves.toMatchObject({ nextExpectedRevision: 2 });
        await other.append(s, [newEvent()], 2);
        await expect(store.append(s, [newEvent()], 2)).rejects.toMatchObject({ name: 'WrongExpectedRevision', actual: 3 });
        await expect(store.append(s, [newEvent()], 3)).resolves.toMatchObject({ nextExpectedRevision: 4 });
        const events = await store.readStream(s);
        events.forEach((e, i) => expect(checkLink(e, i === 0 ? undefined : events[i - 1])).toBeNull());
      } finally {
        await other.close();
      }
    });

    it('refuses a foreign event in a civic-ledger stream with a clear error', async () => {
      const s = `foreign-${randomUUID()}`;
      const raw = EventStoreDBClient.connectionString(server.url);
      await raw.appendToStream(s, jsonEvent({ type: 'SomethingElse', data: { a: 1 } }));
      await raw.dispose();
      await expect(store.readStream(s)).rejects.toThrow(/not written by civic-ledger/);
    });
  });
});

describe('EventStoreDB adapter when the node goes away and comes back', () => {
  it('fails calls with EventStoreUnavailable, ends subscriptions, and works again after a restart', async () => {
    const server = new EsdbFakeServer();
    await server.start(0);
    const store = new EsdbEventStore(server.url);
    try {
      const s = `restart-${randomUUID()}`;
      await store.append(s, [newEvent('A')], 'no_stream');
      const from = await store.headPosition();
      await store.append(s, [newEvent('B')], 0);

      const subscription = store.subscribeAll({ fromPosition: from, filter: { streamPrefixes: [s] } });
      const seen: SubscriptionMessage[] = [];
      const consumed = (async () => {
        for await (const message of subscription) seen.push(message);
      })();
      await waitUntil(() => seen.length >= 2);
      await server.stop();
      await expect(consumed).rejects.toBeInstanceOf(EventStoreUnavailable);
      expect(seen.map((m) => (m.kind === 'event' ? m.event.type : m.kind))).toEqual(['B', 'caught-up']);

      await expect(store.append(s, [newEvent('C')], 1)).rejects.toBeInstanceOf(EventStoreUnavailable);
      await server.start();
      await expect(store.append(s, [newEvent('C')], 1)).resolves.toMatchObject({ nextExpectedRevision: 2 });

      const last = seen.filter((m) => m.kind === 'event').pop();
      const resumed = store.subscribeAll({ fromPosition: last?.kind === 'event' ? last.event.position : 0, filter: { streamPrefixes: [s] } });
      const after: string[] = [];
      for await (const message of resumed) {
        if (message.kind === 'caught-up') break;
        after.push(message.event.type);
      }
      expect(after).toEqual(['C']);
    } finally {
      await store.close();
      await server.stop();
    }
  });
});

const realUrl = process.env.EVENTSTORE_URL;
(realUrl ? describe : describe.skip)('EventStoreDB adapter on a real server (EVENTSTORE_URL)', () => {
  eventStoreContract('EventStoreDB (real server)', async () => {
    const store = new EsdbEventStore(realUrl as string);
    return { store, dispose: () => store.close() };
  }, ESDB_CAPABILITIES);
});

/** Polls a condition the subscription announces no other way (messages collected by a consumer loop); no fixed sleep. */
async function waitUntil(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Timed out waiting.');
    await new Promise((r) => setTimeout(r, 10));
  }
}
