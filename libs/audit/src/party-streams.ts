import { correspondenceStreamId, interactionStreamId, partyStreamId } from '@civic-ledger/domain';
import { EventStore, RecordedEvent, StreamNotFound } from '@civic-ledger/event-store';
import { COLLECTIONS, PartyView, ReadStore, TimelineEntry } from '@civic-ledger/read-models';

/**
 * The streams that make up what is known about a party: its own, every party it was ever linked to
 * (relationships, merges), and every interaction and correspondence that names it. Found through the
 * live read models (they list every stream that ever touched the party), then read from the store.
 */
export async function partyStreamIds(views: ReadStore, partyId: string): Promise<string[]> {
  const party = await views.get<PartyView>(COLLECTIONS.parties, partyId);
  if (!party) return [];
  const partyIds = [party.id, ...party.linkedPartyIds];
  const streams = new Set(partyIds.map(partyStreamId));
  const entries = await views.find<TimelineEntry>(COLLECTIONS.timeline, { where: [{ field: 'partyId', op: 'in', value: [party.id, ...party.mergedFrom] }] });
  for (const entry of entries) {
    if (entry.kind === 'interaction') streams.add(interactionStreamId(entry.refId));
    if (entry.kind === 'correspondence') streams.add(correspondenceStreamId(entry.refId));
  }
  return [...streams].sort();
}

/** Events of the given streams in global (commit) order. */
export async function readStreamsInOrder(events: EventStore, streamIds: readonly string[]): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for (const streamId of streamIds) {
    try {
      all.push(...(await events.readStream(streamId)));
    } catch (error) {
      if (!(error instanceof StreamNotFound)) throw error;
    }
  }
  return all.sort((a, b) => a.position - b.position);
}
