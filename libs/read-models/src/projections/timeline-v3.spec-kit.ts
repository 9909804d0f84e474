/**
 * The timeline as `timeline.v3` projected it (a record of every interaction beside its entries), kept
 * for specs only: `timeline.v4` must write the very same entries (timeline-v4.equivalence.spec.ts).
 */
import {
  InteractionEvent, isInteractionEvent, isPartyEvent, LedgerEvent,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, TimelineEntry } from '../views';
// Entries about parties themselves (profile changes) and correspondence, and the shape of every entry, are the same in v3 and v4:
// v3 differs only in its interactions and erasures, so everything else goes to timeline.v4's code.
import { base, entryId, entryOf, followCurrentRights, profileEntry, putEntry, putRecordingEntries, timelineProjection } from './timeline.projection';
import { eraseTimelineEntry } from './erasure';
import { refKey, refsSealedBy, trackRecord } from './record-refs';

/** v3's record of an interaction. */
interface InteractionRecordV3 {
  readonly id: string;
  kind: 'interaction';
  refId: string;
  partyIds: string[];
  firstPartyId: string;
  channel: string;
  department: string;
  confidentiality: string;
  recordedEventId: string;
  occurredAt: string;
  topics: string[];
  summary: string;
  amended: boolean;
  [field: string]: unknown;
}

async function trackInteractionV3(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext, collection: string): Promise<InteractionRecordV3 | null> {
  if (!isInteractionEvent(event)) return null;
  if (event.type === 'InteractionRecorded') {
    const d = event.data;
    const ref: InteractionRecordV3 = {
      id: refKey('interaction', d.interactionId), kind: 'interaction', refId: d.interactionId, partyIds: [...d.partyIds], firstPartyId: d.partyIds[0],
      channel: d.channel, department: d.department, confidentiality: d.confidentiality, recordedEventId: env.id, occurredAt: d.occurredAt,
      topics: [...d.topics], summary: d.summary, amended: false,
    };
    ctx.put(collection, ref);
    return ref;
  }
  const ref = await ctx.get<InteractionRecordV3>(collection, refKey('interaction', event.data.interactionId));
  if (!ref) return null;
  if (event.type === 'InteractionAmended') {
    const { occurredAt, department, topics, summary } = event.data.changes;
    Object.assign(ref, {
      ...(occurredAt !== undefined ? { occurredAt } : {}), ...(department !== undefined ? { department } : {}),
      ...(topics !== undefined ? { topics: [...topics] } : {}), ...(summary !== undefined ? { summary } : {}), amended: true,
    });
  }
  if (event.type === 'InteractionConfidentialitySet') ref.confidentiality = event.data.level;
  ctx.put(collection, ref);
  return ref;
}

const T = COLLECTIONS.timeline;
/** The timeline's own records of interactions and correspondence (it reads no other projection's documents). */
const REFS = 'timeline_refs';

async function interactionEntries(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionRecorded') {
    await trackInteractionV3(event, env, ctx, REFS);
    putRecordingEntries(event, env, ctx);
    return;
  }
  const interaction = await trackInteractionV3(event, env, ctx, REFS);
  if (!interaction) return;
  for (const partyId of event.data.partyIds) {
    const original = await ctx.get<TimelineEntry>(T, entryId(partyId, interaction.recordedEventId as string));
    if (original) {
      // The original entry shows the current facts and says it was amended; the amendment has its own entry.
      Object.assign(original, {
        occurredAt: interaction.occurredAt, topics: [...(interaction.topics ?? [])], summary: interaction.summary, amended: interaction.amended === true,
      });
      putEntry(ctx, original);
    }
    const details: Record<string, unknown> = event.type === 'InteractionAmended'
      ? { reason: event.data.reason, changes: event.data.changes, previous: event.data.previous }
      : event.type === 'InteractionLinkedToCorrespondence' ? { correspondenceId: event.data.correspondenceId } : { level: event.data.level };
    putEntry(ctx, entryOf(base(env, partyId, interaction.refId, 'interaction'), {
      channel: interaction.channel, department: interaction.department,
      topics: [...(interaction.topics ?? [])], confidentiality: interaction.confidentiality, title: event.type.replace('Interaction', 'Interaction '), details,
    }) satisfies Omit<TimelineEntry, 'audience'>);
    await followCurrentRights(ctx, partyId, interaction.refId, { department: interaction.department, confidentiality: interaction.confidentiality });
  }
}

/** Entries about the interactions and correspondence whose personal data was sealed with the erased party's key. */
async function eraseEntries(partyId: string, ctx: ProjectionContext): Promise<void> {
  for (const ref of await refsSealedBy(ctx, REFS, partyId)) {
    for (const party of ref.partyIds) {
      for (const entry of await ctx.find<TimelineEntry>(T, [{ field: 'partyId', op: 'eq', value: party }, { field: 'refId', op: 'eq', value: ref.refId }])) {
        eraseTimelineEntry(entry);
        putEntry(ctx, entry);
      }
    }
  }
}

/** Cross-channel timeline: one entry per party per event, from its own records of interactions and correspondence. */
export const timelineV3Reference: Projection = {
  name: 'timeline.v3',
  collections: timelineProjection.collections,
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isInteractionEvent(event)) return interactionEntries(event, env, ctx);
    if (!isPartyEvent(event) || event.type !== 'PartyErased') return timelineProjection.project(event, env, ctx);
    profileEntry(event, env, ctx);
    await eraseEntries(event.data.partyId, ctx);
    await trackRecord(event, ctx, REFS);
  },
};
