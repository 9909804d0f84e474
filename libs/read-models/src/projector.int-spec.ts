import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interactionStreamId, partyStreamId } from '@civic-ledger/domain';
import { NewEvent, SqliteEventStore } from '@civic-ledger/event-store';
import { MemoryReadStore } from './memory/memory.read-store';
import { Projection } from './projection';
import { LEDGER_COLLECTIONS, LEDGER_PROJECTIONS } from './projections/ledger-projections';
import { Projector, storedPosition } from './projector';
import { listQuarantine } from './quarantine';
import { rebuildViews } from './rebuild';
import { SqliteReadStore } from './sqlite/sqlite.read-store';
import { COLLECTIONS, PartyView } from './views';
import { cellsOf, sumContactCells } from './contact-cells';

const countsOf = (party: PartyView | null) => party && sumContactCells(cellsOf(party)).interactionCounts;

const event = (type: string, data: Record<string, unknown>, occurredAt = '2024-02-01T10:00:00.000Z'): NewEvent => ({
  id: randomUUID(), type, data, occurredAt, actor: 'staff-1', correlationId: randomUUID(), causationId: null, schemaVersion: 1,
});

describe('Projector', () => {
  let dir: string;
  let events: SqliteEventStore;
  const partyId = randomUUID();

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cl-proj-'));
    events = new SqliteEventStore(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
    await events.append(partyStreamId(partyId), [event('PartyRegistered', { partyId, kind: 'person', name: { full: 'Zoë Núñez' } })], 'no_stream');
    for (let i = 0; i < 30; i += 1) {
      const interactionId = randomUUID();
      await events.append(interactionStreamId(interactionId), [event('InteractionRecorded', {
        interactionId, channel: i % 2 ? 'phone' : 'email', direction: 'inbound', occurredAt: `2024-01-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`,
        partyIds: [partyId], department: 'housing', topics: ['repairs'], summary: `call ${i}`, confidentiality: 'normal',
      }, `2024-01-${String(i + 1).padStart(2, '0')}T09:00:00.000Z`)], 'no_stream');
    }
  });
  afterEach(async () => {
    await events.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The same projections under other names: their own checkpoints start at 0, so they replay into the same documents. */
  const again = (suffix: string) => LEDGER_PROJECTIONS.map((p) => ({ ...p, name: `${p.name}.${suffix}` }));
  const projector = (store: SqliteReadStore | MemoryReadStore, name = 'views.test', projections: readonly Projection[] = LEDGER_PROJECTIONS) =>
    new Projector(events, store, { legacyCheckpoint: name, projections, batchSize: 7 });

  it('catches up, then follows live appends, committing the checkpoint with the documents', async () => {
    const views = new SqliteReadStore(join(dir, 'views.sqlite'));
    const p = projector(views);
    await p.init();
    p.start();
    expect(await p.waitFor(await events.headPosition(), 5000)).toBe(true);
    const live = await events.append(partyStreamId(partyId), [event('PartyNameChanged', { partyId, name: { full: 'Zoë Smith' } })], 0);
    expect(await p.waitFor(live.position, 5000)).toBe(true);
    await p.stop();
    expect(await storedPosition(views, LEDGER_PROJECTIONS)).toBe(live.position);
    for (const p of LEDGER_PROJECTIONS) expect(await views.checkpoint(p.name)).toBe(live.position);
    const party = await views.get<PartyView>(COLLECTIONS.parties, partyId);
    expect(party).toMatchObject({ name: { full: 'Zoë Smith' }, revision: 1 });
    expect(countsOf(party)).toEqual({ phone: 15, email: 15 });
    await views.close();
  });

  it('changes nothing when every event is delivered again', async () => {
    const views = new SqliteReadStore(join(dir, 'views.sqlite'));
    const first = projector(views, 'first');
    await first.init();
    first.start();
    await first.waitFor(await events.headPosition(), 5000);
    await first.stop();
    const before = await views.checksums(LEDGER_COLLECTIONS);
    const redelivery = projector(views, 'second', again('again')); // checkpoints at 0: replays everything into the same documents
    await redelivery.init();
    redelivery.start();
    await redelivery.waitFor(await events.headPosition(), 5000);
    await redelivery.stop();
    expect(await views.checksums(LEDGER_COLLECTIONS)).toEqual(before);
    await views.close();
  });

  it('changes nothing on redelivery from an older checkpoint, even with new events in the same batch', async () => {
    const views = new MemoryReadStore();
    const first = projector(views, 'first');
    await first.init();
    first.start();
    await first.waitFor(await events.headPosition(), 5000);
    await first.stop();
    const interactionId = randomUUID();
    const later = await events.append(interactionStreamId(interactionId), [event('InteractionRecorded', {
      interactionId, channel: 'counter', direction: 'inbound', occurredAt: '2024-03-01T09:00:00.000Z', partyIds: [partyId],
      department: 'housing', topics: ['repairs'], summary: 'visit', confidentiality: 'normal',
    })], 'no_stream');
    // As after a crash that lost the checkpoint but not the documents: events 11.. come again, in one
    // batch with the new one.
    const replaying = again('again');
    await views.commit([], replaying.map((p) => ({ name: p.name, position: 10 })));
    const redelivery = new Projector(events, views, { projections: replaying, batchSize: 1000 });
    await redelivery.init();
    redelivery.start();
    await redelivery.waitFor(later.position, 5000);
    await redelivery.stop();
    const rebuilt = new MemoryReadStore();
    await rebuildViews(events, rebuilt);
    expect(await views.checksums(LEDGER_COLLECTIONS)).toEqual(await rebuilt.checksums(LEDGER_COLLECTIONS));
    expect(countsOf(await views.get<PartyView>(COLLECTIONS.parties, partyId))).toEqual({ phone: 15, email: 15, counter: 1 });
  });

  it('quarantines what one projection cannot apply, rolls back its partial writes, and applies everything else', async () => {
    const partial: Projection = {
      name: 'partial.v1', collections: [{ name: 'partial', indexes: [] }],
      async project(e, env, ctx) {
        if (e.type !== 'InteractionRecorded') return;
        ctx.put('partial', { id: env.id, summary: (e.data as { summary: string }).summary });
        if ((e.data as { summary: string }).summary === 'call 20') throw new TypeError("Cannot read properties of undefined (reading 'full')");
      },
    };
    const quarantined: string[] = [];
    const views = new MemoryReadStore();
    const p = new Projector(events, views, { legacyCheckpoint: 'cp', projections: [...LEDGER_PROJECTIONS, partial], batchSize: 7, onQuarantine: (q) => quarantined.push(q.projection) });
    await p.init();
    p.start();
    expect(await p.waitFor(await events.headPosition(), 10_000)).toBe(true);
    await p.stop();
    expect(quarantined).toEqual(['partial.v1']);
    const [entry, ...others] = await listQuarantine(views);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({ projection: 'partial.v1', eventType: 'InteractionRecorded', error: { name: 'TypeError', message: expect.stringContaining("reading 'full'") } });
    expect(entry.streamId).toMatch(/^interaction-/);
    // The failed share left nothing behind; every other event and projection went through.
    expect(await views.get('partial', entry.eventId)).toBeNull();
    expect((await views.find('partial', {})).length).toBe(29);
    const rebuilt = new MemoryReadStore();
    await rebuildViews(events, rebuilt);
    expect(await views.checksums(LEDGER_COLLECTIONS)).toEqual(await rebuilt.checksums(LEDGER_COLLECTIONS));
  });

  it('retries a failing read store from the checkpoint instead of quarantining', async () => {
    const views = new MemoryReadStore();
    let failures = 1;
    const getVersioned = views.getVersioned.bind(views);
    views.getVersioned = async (collection, id) => {
      if (failures-- > 0) throw new Error('store unavailable');
      return getVersioned(collection, id);
    };
    const errors: string[] = [];
    const p = new Projector(events, views, { legacyCheckpoint: 'cp', projections: LEDGER_PROJECTIONS, batchSize: 7, onError: (e) => errors.push((e as Error).message) });
    await p.init();
    p.start();
    expect(await p.waitFor(await events.headPosition(), 10_000)).toBe(true);
    await p.stop();
    expect(errors).toEqual(['The read store failed.']);
    expect(await listQuarantine(views)).toEqual([]);
    const rebuilt = new MemoryReadStore();
    await rebuildViews(events, rebuilt);
    expect(await views.checksums(LEDGER_COLLECTIONS)).toEqual(await rebuilt.checksums(LEDGER_COLLECTIONS));
  });

  it('rebuilds byte-identical documents on SQLite (bulk load) and in memory', async () => {
    const bulk = new SqliteReadStore(join(dir, 'bulk.sqlite'), { bulkLoad: true });
    const a = await rebuildViews(events, bulk, undefined, () => bulk.buildDeferredIndexes());
    const b = await rebuildViews(events, new MemoryReadStore());
    expect(a.checksums).toEqual(b.checksums);
    expect(a.checksums.find((c) => c.collection === 'timeline')?.count).toBe(31);
    await expect(rebuildViews(events, bulk)).rejects.toThrow('not empty');
    await bulk.close();
  });

  describe('a checkpoint per projection', () => {
    /** Counts the events it is given, in its own collection. */
    const counting = (name: string): Projection => ({
      name,
      collections: [{ name: `seen_${name.replace('.', '_')}`, indexes: [] }],
      async project(_e, env, ctx) {
        const id = 'count';
        const doc = (await ctx.get<{ id: string; n: number; last: number }>(`seen_${name.replace('.', '_')}`, id)) ?? { id, n: 0, last: 0 };
        ctx.put(`seen_${name.replace('.', '_')}`, { ...doc, n: doc.n + 1, last: env.position });
      },
    });
    const run = async (store: MemoryReadStore, projections: readonly Projection[]) => {
      const p = projector(store, 'group.test', projections);
      await p.init();
      p.start();
      expect(await p.waitFor(await events.headPosition(), 5000)).toBe(true);
      await p.stop();
      return p;
    };

    it('lets a projection added later catch up alone while the others skip what they applied', async () => {
      const store = new MemoryReadStore();
      const head = await events.headPosition();
      await run(store, [counting('a.v1')]);
      const p = await run(store, [counting('a.v1'), counting('b.v1')]);
      expect(await store.get('seen_a_v1', 'count')).toMatchObject({ n: 31, last: head });
      expect(await store.get('seen_b_v1', 'count')).toMatchObject({ n: 31, last: head });
      expect(Object.fromEntries(p.projectionCheckpoints)).toEqual({ 'a.v1': head, 'b.v1': head });
      expect(await store.checkpoint('b.v1')).toBe(head);
      expect(await store.checkpoint('group.test')).toBe(0); // the legacy group checkpoint is never written
    });

    it('starts every projection from the group checkpoint of a set written before projections had their own', async () => {
      const store = new MemoryReadStore();
      const all = await events.readAll({ fromPosition: 0, limit: 1000 });
      const legacy = all[9].position;
      await store.commit([], { name: 'group.test', position: legacy });
      await run(store, [counting('a.v1')]);
      expect(await store.get('seen_a_v1', 'count')).toMatchObject({ n: all.length - 10 });
    });

    it('upgrades a legacy set once: a projection added after the upgrade still starts from 0', async () => {
      const store = new MemoryReadStore();
      const all = await events.readAll({ fromPosition: 0, limit: 1000 });
      await store.commit([], { name: 'group.test', position: all[9].position });
      await run(store, [counting('a.v1')]);
      expect(await store.checkpoint('a.v1')).toBe(all[all.length - 1].position);
      await run(store, [counting('a.v1'), counting('b.v1')]);
      expect(await store.get('seen_b_v1', 'count')).toMatchObject({ n: all.length });
    });

    it('lets two projectors share the projections of one set (as two workers do) with the documents of one', async () => {
      const names = LEDGER_PROJECTIONS.map((p) => p.name);
      const shared = new SqliteReadStore(join(dir, 'shared.sqlite'));
      const halves = [new Set(names.filter((_, i) => i % 2 === 0)), new Set(names.filter((_, i) => i % 2 === 1))];
      const projectors = halves.map((half) => {
        const p = projector(shared);
        p.select(half);
        return p;
      });
      for (const p of projectors) await p.init();
      expect(projectors.map((p) => p.selectedNames)).toEqual(halves.map((h) => [...h]));
      projectors.forEach((p) => p.start());
      const head = await events.headPosition();
      for (const p of projectors) expect(await p.waitFor(head, 10_000)).toBe(true);
      await Promise.all(projectors.map((p) => p.stop()));
      expect(await storedPosition(shared, LEDGER_PROJECTIONS)).toBe(head);
      const single = new MemoryReadStore();
      await rebuildViews(events, single);
      expect(await shared.checksums(LEDGER_COLLECTIONS)).toEqual(await single.checksums(LEDGER_COLLECTIONS));
      await shared.close();
    });
  });
});
