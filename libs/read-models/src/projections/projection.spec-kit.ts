import {
  correspondenceStreamId, CorrespondenceReceived, interactionStreamId, InteractionRecorded, isCorrespondenceEvent, isInteractionEvent, LedgerEvent, partyStreamId,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { MemoryReadStore } from '../memory/memory.read-store';
import { asLedgerEvent, ProjectionBatch } from '../projection';
import { Doc } from '../read-store.port';
import { LEDGER_PROJECTIONS } from './ledger-projections';

/**
 * Given/then for projections: given recorded events, when every ledger projection sees them in
 * order, then a collection holds exactly these documents. Specs name events and documents only, never
 * which projection reads what, so they hold whatever the projections do inside.
 */

const START = Date.parse('2024-03-01T09:00:00.000Z');

/** The events of a spec as the store would record them: global positions, revisions per stream, times a minute apart. */
export class SpecLedger {
  readonly events: RecordedEvent[] = [];
  private readonly revisions = new Map<string, number>();

  /** Records one event; `occurredAt` defaults to the time it is recorded. */
  record(streamId: string, event: LedgerEvent | { type: string; data: object }, options: { actor?: string; occurredAt?: string } = {}): RecordedEvent {
    const position = this.events.length + 1;
    const revision = (this.revisions.get(streamId) ?? -1) + 1;
    this.revisions.set(streamId, revision);
    const recordedAt = SpecLedger.timeOf(position);
    const recorded: RecordedEvent = {
      id: `event-${String(position).padStart(4, '0')}`, type: event.type, data: { ...event.data }, streamId, revision, position,
      occurredAt: options.occurredAt ?? recordedAt, recordedAt, actor: options.actor ?? 'staff-1',
      correlationId: `correlation-${position}`, causationId: null, schemaVersion: 1, prevHash: '', hash: '',
    };
    this.events.push(recorded);
    return recorded;
  }

  /** Records a domain event on its own stream (party-, interaction- or correspondence-). */
  add(event: LedgerEvent, options: { actor?: string; occurredAt?: string } = {}): RecordedEvent {
    return this.record(streamOf(event), event, options);
  }

  /** Time at which the event at `position` is recorded. */
  static timeOf(position: number): string {
    return new Date(START + position * 60_000).toISOString();
  }
}

function streamOf(event: LedgerEvent): string {
  if (isInteractionEvent(event)) return interactionStreamId(event.data.interactionId);
  if (isCorrespondenceEvent(event)) return correspondenceStreamId(event.data.correspondenceId);
  return partyStreamId(event.data.partyId);
}

/** A contact as recorded, with plain defaults for what a spec does not care about. */
export function interactionRecorded(interactionId: string, partyIds: string[], fields: Partial<InteractionRecorded['data']> = {}): InteractionRecorded {
  return { type: 'InteractionRecorded', data: {
    interactionId, partyIds, channel: 'phone', direction: 'inbound', occurredAt: '2024-02-01T10:00:00.000Z', department: 'housing',
    topics: ['repairs'], summary: 'Boiler broken', confidentiality: 'normal', ...fields,
  } };
}

/** A letter as received, with plain defaults for what a spec does not care about. */
export function correspondenceReceived(correspondenceId: string, partyIds: string[], fields: Partial<CorrespondenceReceived['data']> = {}): CorrespondenceReceived {
  return { type: 'CorrespondenceReceived', data: {
    correspondenceId, partyIds, channel: 'letter', subject: 'Rent arrears', receivedAt: '2024-02-02T09:00:00.000Z', dueAt: '2024-02-22T09:00:00.000Z',
    department: 'housing', attachments: [], ...fields,
  } };
}

const COLLECTIONS_OF_ALL = LEDGER_PROJECTIONS.flatMap((p) => p.collections);

async function emptyStore(): Promise<MemoryReadStore> {
  const store = new MemoryReadStore();
  for (const c of COLLECTIONS_OF_ALL) await store.ensureCollection(c.name, c.indexes);
  return store;
}

/** Every event through every projection, in ledger order; one commit per `batchSize` events. */
export async function project(events: readonly RecordedEvent[], store?: MemoryReadStore, batchSize = 1): Promise<MemoryReadStore> {
  const target = store ?? await emptyStore();
  for (let from = 0; from < events.length; from += batchSize) {
    const batch = new ProjectionBatch(target);
    const slice = events.slice(from, from + batchSize);
    for (const event of slice) {
      batch.at(event.position);
      for (const projection of LEDGER_PROJECTIONS) await projection.project(asLedgerEvent(event), event, batch);
    }
    await target.commit(batch.changes(), { name: 'spec', position: slice[slice.length - 1].position });
  }
  return target;
}

export async function documents<T extends Doc = Doc>(store: MemoryReadStore, collection: string): Promise<T[]> {
  return store.find<T>(collection, { orderBy: [{ field: 'id', direction: 'asc' }] });
}

/**
 * Collections where delivering old events again is known to change documents (a deleted document leaves
 * no position behind; a projection guards such documents through one it keeps, see ProjectionContext.reflects).
 * None today: keep it empty.
 */
const REDELIVERY_GAPS: readonly string[] = [];

async function snapshot(store: MemoryReadStore, except: readonly string[] = []): Promise<Record<string, Doc[]>> {
  const all: Record<string, Doc[]> = {};
  for (const c of COLLECTIONS_OF_ALL) if (!except.includes(c.name)) all[c.name] = await documents(store, c.name);
  return all;
}

/**
 * Projects the events one commit per event, and checks on the way that projections are deterministic
 * and idempotent: one commit for all events gives the same documents, and so does delivering every
 * event a second time.
 */
async function projectChecked(events: readonly RecordedEvent[]): Promise<MemoryReadStore> {
  const store = await project(events);
  const expected = await snapshot(store);
  expect(await snapshot(await project(events, undefined, events.length || 1))).toEqual(expected);
  expect(await snapshot(await project(events, await project(events), 3), REDELIVERY_GAPS)).toEqual(await snapshot(store, REDELIVERY_GAPS));
  return store;
}

export function given(...events: RecordedEvent[]) {
  let projected: Promise<MemoryReadStore> | undefined;
  const store = () => (projected ??= projectChecked(events));
  return {
    /** The collection holds exactly these documents (in id order). */
    thenDocuments: async (collection: string, expected: readonly Doc[]) => {
      expect(await documents(await store(), collection)).toEqual([...expected].sort((a, b) => (a.id < b.id ? -1 : 1)));
    },
    /** The collection holds as many documents as given, each with at least these fields (in id order). */
    thenMatching: async (collection: string, expected: readonly Record<string, unknown>[]) => {
      expect(await documents(await store(), collection)).toMatchObject(expected);
    },
    /** One document has these fields; `null` when it must not exist. */
    thenDocument: async (collection: string, id: string, expected: Record<string, unknown> | null) => {
      const doc = await (await store()).get(collection, id);
      if (expected === null) expect(doc).toBeNull();
      else expect(doc).toMatchObject(expected);
    },
    /** The projected documents of one collection, for assertions of another shape. */
    documents: async <T extends Doc = Doc>(collection: string) => documents<T>(await store(), collection),
  };
}
