import { randomUUID } from 'node:crypto';
import { DuplicateEventId, StreamNotFound, WrongExpectedRevision } from './event-store.errors';
import { EventStore, NewEvent, RecordedEvent, SubscriptionMessage } from './event-store.port';
import { checkLink, GENESIS_HASH } from './hash-chain';

export interface EventStoreFixture {
  store: EventStore;
  /** Frees resources; the fixture's data may be discarded. */
  dispose(): Promise<void>;
}

export function newEvent(type = 'Tested', data: Record<string, unknown> = { n: 1 }): NewEvent {
  return {
    id: randomUUID(), type, data, occurredAt: '2024-03-01T10:00:00.000Z', actor: 'staff-1',
    correlationId: randomUUID(), causationId: null, schemaVersion: 1,
  };
}

async function take(iterable: AsyncIterable<SubscriptionMessage>, count: number): Promise<SubscriptionMessage[]> {
  const out: SubscriptionMessage[] = [];
  for await (const message of iterable) {
    out.push(message);
    if (out.length === count) break;
  }
  return out;
}

export interface ContractCapabilities {
  /**
   * True when the store refuses an event id already used in another stream (the embedded store indexes
   * ids globally). EventStoreDB scopes ids to a stream; civic-ledger derives ids from the stream id
   * and the idempotency key, so it never relies on the global rule.
   */
  readonly globallyUniqueEventIds: boolean;
}

/** The shared contract every EventStore adapter must pass, unchanged. */
export function eventStoreContract(
  name: string, createFixture: () => Promise<EventStoreFixture>, capabilities: ContractCapabilities = { globallyUniqueEventIds: true },
): void {
  describe(`EventStore contract: ${name}`, () => {
    let fixture: EventStoreFixture;
    let store: EventStore;
    const stream = () => `contract-${randomUUID()}`;

    beforeEach(async () => {
      fixture = await createFixture();
      store = fixture.store;
    });
    afterEach(async () => fixture.dispose());

    describe('append', () => {
      it('starts revisions at 0 and returns the next expected revision', async () => {
        const s = stream();
        const first = await store.append(s, [newEvent(), newEvent()], 'no_stream');
        expect(first.nextExpectedRevision).toBe(1);
        const second = await store.append(s, [newEvent()], 1);
        expect(second.nextExpectedRevision).toBe(2);
        expect(second.position).toBeGreaterThan(first.position);
      });

      it('rejects a wrong expected revision with the actual revision and writes nothing', async () => {
        const s = stream();
        await store.append(s, [newEvent()], 'no_stream');
        await expect(store.append(s, [newEvent()], 5)).rejects.toMatchObject({ name: 'WrongExpectedRevision', actual: 0 });
        await expect(store.append(s, [newEvent()], 'no_stream')).rejects.toBeInstanceOf(WrongExpectedRevision);
        await expect(store.append(stream(), [newEvent()], 'stream_exists')).rejects.toMatchObject({ actual: -1 });
        expect(await store.readStream(s)).toHaveLength(1);
      });

      it('appends anywhere with "any"', async () => {
        const s = stream();
        await store.append(s, [newEvent()], 'any');
        await store.append(s, [newEvent()], 'any');
        expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
      });

      it('treats a retried append of the same event ids as a no-op', async () => {
        const s = stream();
        const events = [newEvent(), newEvent()];
        const first = await store.append(s, events, 'no_stream');
        const retry = await store.append(s, events, 'no_stream');
        expect(retry).toEqual({ ...first, idempotent: true });
        expect(await store.readStream(s)).toHaveLength(2);
      });

      if (capabilities.globallyUniqueEventIds) {
        it('refuses an event id already used in another stream', async () => {
          const event = newEvent();
          await store.append(stream(), [event], 'no_stream');
          await expect(store.append(stream(), [event], 'no_stream')).rejects.toBeInstanceOf(DuplicateEventId);
        });
      } else {
        it('scopes event ids to their stream: the same id in another stream is another event', async () => {
          const event = newEvent();
          const [a, b] = [stream(), stream()];
          await store.append(a, [event], 'no_stream');
          await store.append(b, [event], 'no_stream');
          expect((await store.readStream(a))[0].id).toBe(event.id);
          expect((await store.readStream(b))[0]).toMatchObject({ id: event.id, streamId: b, revision: 0 });
        });
      }

      it('lets exactly one of many concurrent writers win at the same expected revision', async () => {
        const s = stream();
        await store.append(s, [newEvent()], 'no_stream');
        const results = await Promise.allSettled(Array.from({ length: 10 }, () => store.append(s, [newEvent()], 0)));
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(await store.readStream(s)).toHaveLength(2);
      });
    });

    describe('envelope and hash chain', () => {
      it('stores the full envelope and chains hashes per stream', async () => {
        const s = stream();
        const input = { ...newEvent('Typed', { name: 'Zoë', nested: { b: 2, a: [1, 'x'] } }), idempotency: { key: 'k-1', requestHash: 'abc' } };
        await store.append(s, [input, newEvent()], 'no_stream');
        const [first, second] = await store.readStream(s);
        expect(first).toMatchObject({
          id: input.id, type: 'Typed', streamId: s, revision: 0, data: input.data, occurredAt: input.occurredAt,
          actor: 'staff-1', correlationId: input.correlationId, causationId: null, schemaVersion: 1, idempotency: input.idempotency,
          prevHash: GENESIS_HASH,
        });
        expect(Date.parse(first.recordedAt)).not.toBeNaN();
        expect(second.prevHash).toBe(first.hash);
        expect(checkLink(first, undefined)).toBeNull();
        expect(checkLink(second, first)).toBeNull();
        expect(checkLink({ ...second, data: { n: 2 } }, first)).toMatchObject({ kind: 'hash-mismatch', revision: 1 });
        expect((await store.streamMetadata(s))).toEqual({ streamId: s, revision: 1, lastHash: second.hash });
      });
    });

    describe('readStream', () => {
      it('throws StreamNotFound for a missing stream', async () => {
        await expect(store.readStream(stream())).rejects.toBeInstanceOf(StreamNotFound);
        expect(await store.streamMetadata(stream())).toBeNull();
      });

      it('reads forwards and backwards from a revision with a limit', async () => {
        const s = stream();
        await store.append(s, Array.from({ length: 5 }, (_, n) => newEvent('N', { n })), 'no_stream');
        expect((await store.readStream(s, { fromRevision: 2, limit: 2 })).map((e) => e.revision)).toEqual([2, 3]);
        expect((await store.readStream(s, { direction: 'backwards', limit: 2 })).map((e) => e.revision)).toEqual([4, 3]);
        expect((await store.readStream(s, { direction: 'backwards', fromRevision: 1 })).map((e) => e.revision)).toEqual([1, 0]);
      });
    });

    describe('readAll and subscribeAll', () => {
      it('reads all events in global order after an exclusive position', async () => {
        const start = await store.headPosition();
        const a = stream();
        const b = stream();
        await store.append(a, [newEvent()], 'no_stream');
        await store.append(b, [newEvent()], 'no_stream');
        await store.append(a, [newEvent()], 0);
        const all = await store.readAll({ fromPosition: start });
        expect(all.map((e) => `${e.streamId === a ? 'a' : 'b'}${e.revision}`)).toEqual(['a0', 'b0', 'a1']);
        const positions = all.map((e) => e.position);
        expect([...positions].sort((x, y) => x - y)).toEqual(positions);
        expect(await store.readAll({ fromPosition: all[0].position, limit: 1 })).toEqual([all[1]]);
        expect(await store.headPosition()).toBe(all[2].position);
      });

      it('delivers history, reports caught-up, then delivers live events in order', async () => {
        const s = stream();
        const start = await store.headPosition();
        await store.append(s, [newEvent('Old')], 'no_stream');
        const subscription = store.subscribeAll({ fromPosition: start, filter: { streamPrefixes: [s] } });
        const iterator = subscription[Symbol.asyncIterator]();
        const next = async () => (await iterator.next()).value as SubscriptionMessage;
        // The history and the caught-up mark first; only then the live appends.
        const messages = [await next(), await next()];
        await store.append(s, [newEvent('Live1')], 0);
        await store.append(stream(), [newEvent('Other')], 'no_stream');
        await store.append(s, [newEvent('Live2')], 1);
        messages.push(await next(), await next());
        subscription.close();
        expect(messages.map((m) => (m.kind === 'event' ? m.event.type : m.kind))).toEqual(['Old', 'caught-up', 'Live1', 'Live2']);
      });

      it('resumes from a stored position without redelivering earlier events', async () => {
        const s = stream();
        await store.append(s, [newEvent('A'), newEvent('B'), newEvent('C')], 'no_stream');
        const all: RecordedEvent[] = await store.readStream(s);
        const subscription = store.subscribeAll({ fromPosition: all[0].position, filter: { streamPrefixes: [s] } });
        const messages = await take(subscription, 2);
        subscription.close();
        expect(messages.map((m) => (m.kind === 'event' ? m.event.type : m.kind))).toEqual(['B', 'C']);
      });
    });
  });
}
