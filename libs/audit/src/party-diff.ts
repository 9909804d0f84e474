import { EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { PartyView, ReadStore } from '@civic-ledger/read-models';
import { partyStreamIds, readStreamsInOrder } from './party-streams';
import { PartyReplay, replayHistory } from './point-in-time';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Field-level differences between two JSON documents (arrays compared whole). */
export function diffDocuments(before: unknown, after: unknown, path = ''): FieldChange[] {
  if (isObject(before) && isObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffDocuments(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before: before ?? null, after: after ?? null }];
}

export interface PartyChanges {
  from: string;
  to: string;
  /** Events recorded in (from, to], oldest first: who changed what, and why. */
  events: Pick<RecordedEvent, 'id' | 'type' | 'streamId' | 'revision' | 'occurredAt' | 'recordedAt' | 'actor' | 'data'>[];
  /** How the consolidated view differs between the two instants (`revision`/`updatedAt` left out). */
  view: FieldChange[];
  existedAtFrom: boolean;
}

const BOOKKEEPING = new Set(['revision', 'updatedAt']);

/** What a reader may see of a diff: which events, and each replayed view as shown to them. */
export interface DiffVisibility {
  keep(event: RecordedEvent): Promise<boolean>;
  show(replay: PartyReplay): Promise<PartyView | null>;
}

const EVERYTHING: DiffVisibility = { keep: async () => true, show: async (replay) => replay.party };

/** What changed in a party's record between two instants of system time, from the party's own events. */
export async function partyChanges(
  events: EventStore, views: ReadStore, partyId: string, from: string, to: string, visibility: DiffVisibility = EVERYTHING,
): Promise<PartyChanges | null> {
  const history = await readStreamsInOrder(events, await partyStreamIds(views, partyId));
  const [before, after] = await Promise.all([replayHistory(history, partyId, { asOf: from }), replayHistory(history, partyId, { asOf: to })]);
  if (!after.party) return null;
  const window: RecordedEvent[] = [];
  for (const e of history) if (e.recordedAt > from && e.recordedAt <= to && await visibility.keep(e)) window.push(e);
  const [shownBefore, shownAfter] = await Promise.all([visibility.show(before), visibility.show(after)]);
  return {
    from, to, existedAtFrom: before.party !== null,
    events: window.map(({ id, type, streamId, revision, occurredAt, recordedAt, actor, data }) => ({ id, type, streamId, revision, occurredAt, recordedAt, actor, data })),
    view: diffDocuments(shownBefore ?? {}, shownAfter ?? {}).filter((c) => !BOOKKEEPING.has(c.path)),
  };
}
