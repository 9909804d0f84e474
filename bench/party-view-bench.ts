import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { GetPartyQuery, Principal, readScope } from '@civic-ledger/application';
import { GetPartyHandler } from '../libs/application/src/parties/get-party/get-party.handler';
import { scopeFilter } from '../libs/application/src/parties/party-reads';
import { CHANNELS, CONFIDENTIALITY_LEVELS, interactionStreamId, partyStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { COLLECTIONS, findTimeline, rebuildViews, SqliteReadStore, TimelineEntry } from '@civic-ledger/read-models';
import { envelope } from './ledger-fixture';
import { latencySummary, now } from './stats';

const DEPARTMENTS = ['housing', 'benefits', 'waste', 'council-tax', 'parking', 'social-care'];

export interface PartyViewFigures {
  /** Interactions of the small and the large party. */
  sizes: [number, number];
  /** Scoped view (query handler on the read store, no HTTP), per party size. */
  view: [ReturnType<typeof latencySummary>, ReturnType<typeof latencySummary>];
  /** The scan the view used to make for a scoped reader (every interaction of the party), for comparison. */
  scan: [ReturnType<typeof latencySummary>, ReturnType<typeof latencySummary>];
  /** A scoped reader's timeline page of 50 on the large party. */
  timeline: ReturnType<typeof latencySummary>;
  reads: number;
}

/** One party with `n` interactions over departments and levels; about 2% are later moved to another department or level. */
async function recordHistory(store: SqliteEventStore, partyId: string, n: number): Promise<void> {
  await store.append(partyStreamId(partyId), [envelope('PartyRegistered', { partyId, kind: 'person', name: { full: `Person ${partyId.slice(0, 8)}` }, department: 'housing' }, '2021-01-01T00:00:00.000Z')], 'no_stream');
  const start = Date.parse('2021-01-01T00:00:00Z');
  let pending: Promise<unknown>[] = [];
  for (let i = 0; i < n; i += 1) {
    const interactionId = randomUUID();
    const occurredAt = new Date(start + i * 3_600_000).toISOString();
    const department = DEPARTMENTS[i % DEPARTMENTS.length];
    const confidentiality = CONFIDENTIALITY_LEVELS[(i * 7) % CONFIDENTIALITY_LEVELS.length];
    const data = {
      interactionId, channel: CHANNELS[i % CHANNELS.length], direction: 'inbound', occurredAt, partyIds: [partyId], department,
      topics: ['general-enquiry'], summary: 'Asked about the status of an application.', confidentiality,
    };
    const events = [envelope('InteractionRecorded', data, occurredAt)];
    if (i % 50 === 7) {
      events.push(i % 100 === 7
        ? envelope('InteractionAmended', { interactionId, partyIds: [partyId], changes: { department: DEPARTMENTS[(i + 1) % DEPARTMENTS.length] }, previous: { department }, reason: 'moved' }, occurredAt)
        : envelope('InteractionConfidentialitySet', { interactionId, partyIds: [partyId], level: 'restricted' }, occurredAt));
    }
    pending.push(store.append(interactionStreamId(interactionId), events, 'no_stream'));
    if (pending.length >= 2000) {
      await Promise.all(pending);
      pending = [];
    }
  }
  await Promise.all(pending);
}

/** What the view did before the contact cells: read every interaction of the party the reader may see. */
async function scan(views: SqliteReadStore, partyId: string, principal: Principal): Promise<number> {
  const filter = scopeFilter(readScope(principal));
  const entries = await views.find<TimelineEntry>(COLLECTIONS.timeline, {
    where: [
      { field: 'partyId', op: 'eq', value: partyId }, { field: 'type', op: 'eq', value: 'InteractionRecorded' },
      { field: 'confidentiality', op: 'in', value: filter.confidentiality ?? [] }, { field: 'audience', op: 'in', value: [...(filter.departments ?? []), '*'] },
    ],
  });
  return entries.length;
}

/**
 * A department-scoped supervisor's view of a party with `small` and with `large` interactions, through the
 * query handler on the embedded read store (no HTTP: `npm run bench`'s HTTP section covers the route), in
 * alternating rounds; the old per-request scan next to it for comparison; and a scoped timeline page.
 */
export async function partyViewFigures(dir: string, small: number, large: number, reads: number): Promise<PartyViewFigures> {
  const events = new SqliteEventStore(join(dir, 'party-view-ledger.sqlite'));
  const parties = [randomUUID(), randomUUID()];
  await recordHistory(events, parties[0], small);
  await recordHistory(events, parties[1], large);
  const views = new SqliteReadStore(join(dir, 'party-view-views.sqlite'), { bulkLoad: true });
  await rebuildViews(events, views, undefined, () => views.buildDeferredIndexes());
  const principal: Principal = { sub: 'bench', role: 'supervisor', departments: ['housing', 'waste'] };
  const handler = new GetPartyHandler(views, events);
  const view: number[][] = [[], []];
  const scanned: number[][] = [[], []];
  const timeline: number[] = [];
  const filter = scopeFilter(readScope(principal));
  for (let round = 0; round < reads; round += 1) {
    for (const i of [0, 1]) {
      const t0 = now();
      await handler.execute(new GetPartyQuery(parties[i], {}, principal));
      view[i].push(now() - t0);
    }
    const t1 = now();
    await findTimeline(views, [parties[1]], filter, 50);
    timeline.push(now() - t1);
  }
  for (let round = 0; round < Math.max(5, Math.floor(reads / 100)); round += 1) {
    for (const i of [0, 1]) {
      const t0 = now();
      await scan(views, parties[i], principal);
      scanned[i].push(now() - t0);
    }
  }
  await views.close();
  await events.close();
  return {
    sizes: [small, large], reads, timeline: latencySummary(timeline),
    view: [latencySummary(view[0]), latencySummary(view[1])], scan: [latencySummary(scanned[0]), latencySummary(scanned[1])],
  };
}
