import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { newEvent } from '../../event-store/src/event-store.contract';
import { EventPublisher, OutboundMessage } from './event-publisher.port';
import { Relay } from './relay';

interface Deferred<T> { promise: Promise<T>; resolve: (value: T) => void; reject: (error: Error) => void }
function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
}

/**
 * Pipelining over the real embedded store: the next batch is read while the broker acknowledges the
 * last one, but it is sent, and the checkpoint moves, only after that acknowledgement, in order.
 * The publisher acknowledges when the test says so.
 */
describe('Relay pipelining', () => {
  let dir: string;
  let events: SqliteEventStore;
  let relay: Relay | null = null;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cl-relay-pipe-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'));
  });
  afterEach(async () => {
    await relay?.stop();
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reads the next batch while one is unacknowledged, sends it only after the ack, and re-sends from the checkpoint in order after a failure', async () => {
    for (let i = 0; i < 6; i += 1) {
      const partyId = randomUUID();
      await events.append(`party-${partyId}`, [newEvent('PartyRegistered', { partyId, kind: 'organisation', name: { full: `Org ${i}` } })], 'no_stream');
    }
    // Each party event reads its party's stream (the profile at that revision): a visible sign of a batch being handled.
    let reads = 0;
    const readsReached: Record<number, Deferred<void>> = { 4: deferred() };
    const readStream = events.readStream.bind(events);
    events.readStream = async (...args) => {
      reads += 1;
      readsReached[reads]?.resolve();
      return readStream(...args);
    };
    const calls: { messages: OutboundMessage[]; ack: Deferred<void> }[] = [];
    const called = [deferred<void>(), deferred<void>(), deferred<void>()];
    const publisher: EventPublisher = {
      ensureTopics: async () => undefined,
      publish: (messages) => {
        const ack = deferred<void>();
        calls.push({ messages: [...messages], ack });
        called[calls.length - 1]?.resolve();
        if (calls.length > 3) ack.resolve();
        return ack.promise;
      },
      close: async () => undefined,
    };
    const saved: number[] = [];
    const errors: string[] = [];
    let checkpoint = 0;
    relay = new Relay(events, publisher, { load: async () => checkpoint, save: async (_, position) => { saved.push(position); checkpoint = position; } }, {
      batchSize: 2, onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
    });
    await relay.init();
    relay.start();
    const positions = (call: { messages: OutboundMessage[] }) => [...new Set(call.messages.map((m) => Number(m.headers.ce_position)))];

    await called[0].promise;
    await readsReached[4].promise;
    // Batch 2 (events 3 and 4) was read and mapped while batch 1 waits for its acknowledgement; nothing else moved.
    expect(calls).toHaveLength(1);
    expect(positions(calls[0])).toEqual([1, 2]);
    expect(relay.checkpoint).toBe(0);
    expect(saved).toEqual([]);

    calls[0].ack.resolve();
    await called[1].promise;
    expect(saved).toEqual([2]);
    expect(positions(calls[1])).toEqual([3, 4]);

    // Batch 2 fails: batch 3 was read meanwhile but is never sent before batch 2 is sent again.
    calls[1].ack.reject(new Error('broker gone'));
    await called[2].promise;
    expect(positions(calls[2])).toEqual([3, 4]);
    calls[2].ack.resolve();
    expect(await relay.waitFor(6, 30_000)).toBe(true);

    expect(calls.slice(3).flatMap(positions)).toEqual([5, 6]);
    expect(saved).toEqual([2, 4, 6]);
    expect(errors).toEqual(['broker gone']);
  });
});
