import { EventStore, RecordedEvent } from '@civic-ledger/event-store';
import {
  COLLECTIONS, ContactCell, contactCells, findTimeline, LEDGER_PROJECTIONS, MemoryReadStore, Page, PartyView, ProjectionRun, QUARANTINE_COLLECTION,
  QUARANTINE_INDEXES, ReadStore, TimelineEntry, TimelineFilter,
} from '@civic-ledger/read-models';
import { partyStreamIds, readStreamsInOrder } from './party-streams';

/** Bitemporal cut: what was recorded by `asOf` (system time) about what occurred by `occurredBy` (business time). */
export interface PointInTime {
  readonly asOf?: string;
  readonly occurredBy?: string;
}

export function isVisibleAt(event: RecordedEvent, at: PointInTime): boolean {
  if (at.asOf && Date.parse(event.recordedAt) > Date.parse(at.asOf)) return false;
  if (at.occurredBy && Date.parse(event.occurredAt) > Date.parse(at.occurredBy)) return false;
  return true;
}

export interface PartyReplay {
  readonly party: PartyView | null;
  readonly eventCount: number;
  timeline(filter: TimelineFilter, limit: number, cursor?: string): Promise<Page<TimelineEntry>>;
  /** The party's contact cells (and those of the parties merged into it) as they were then; a reader's scope sums them. */
  cells(): Promise<ContactCell[]>;
}

/**
 * Rebuilds a party's consolidated view and timeline as they were at a point in time by replaying the
 * party's events through the same projections the live read models use, into a private memory store.
 */
export async function replayParty(events: EventStore, views: ReadStore, partyId: string, at: PointInTime): Promise<PartyReplay> {
  return replayHistory(await readStreamsInOrder(events, await partyStreamIds(views, partyId)), partyId, at);
}

/** The replay over a party's events already read (all its streams, in global order). */
export async function replayHistory(all: readonly RecordedEvent[], partyId: string, at: PointInTime): Promise<PartyReplay> {
  const history = all.filter((e) => isVisibleAt(e, at));
  const store = new MemoryReadStore();
  for (const projection of LEDGER_PROJECTIONS) {
    for (const c of projection.collections) await store.ensureCollection(c.name, c.indexes);
  }
  await store.ensureCollection(QUARANTINE_COLLECTION, QUARANTINE_INDEXES);
  // What a projection cannot apply is left out, as the live read models leave it out (quarantine).
  const run = new ProjectionRun(store, LEDGER_PROJECTIONS);
  for (const event of history) await run.add(event);
  await store.commit(run.batch.changes(), { name: 'replay', position: run.batch.lastPosition });
  const party = await store.get<PartyView>(COLLECTIONS.parties, partyId);
  const ids = party ? [party.id, ...party.mergedFrom] : [partyId];
  return {
    party,
    eventCount: history.length,
    timeline: (filter, limit, cursor) => findTimeline(store, ids, filter, limit, cursor),
    cells: async () => (party ? contactCells(store, party) : []),
  };
}
