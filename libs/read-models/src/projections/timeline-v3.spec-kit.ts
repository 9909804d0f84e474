/**
 * The timeline as `timeline.v3` projected it (a record of every interaction beside its entries), kept
 * for specs only: `timeline.v4` must write the very same entries (timeline-v4.equivalence.spec.ts).
 */
import {
  CorrespondenceEvent, InteractionEvent, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, PartyEvent,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, TimelineEntry } from '../views';
import { fieldsOf } from './fields-of';
import { eraseTimelineEntry } from './erasure';
import { refCollection, refKey, refsSealedBy, trackRecord } from './record-refs';

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
const entryId = (partyId: string, eventId: string) => `${partyId}:${eventId}`;

/** Who may see an entry by department: its department, or everyone who may see the party ('*', profile changes). */
const EVERY_DEPARTMENT = '*';

function putEntry(ctx: ProjectionContext, entry: Omit<TimelineEntry, 'audience'>): void {
  ctx.put(T, Object.assign(fieldsOf(entry), { audience: entry.department ?? EVERY_DEPARTMENT }) as TimelineEntry);
}

/** `{ ...base, ...fields }` without object spread (see fields-of.ts): `base` is a fresh object of this entry's own. */
const entryOf = <B extends object, F extends object>(base: B, fields: F): B & F => Object.assign(base, fields);

function base(env: RecordedEvent, partyId: string, refId: string, kind: TimelineEntry['kind']) {
  return {
    id: entryId(partyId, env.id), partyId, eventId: env.id, position: env.position, streamId: env.streamId, refId, kind, type: env.type,
    occurredAt: env.occurredAt, recordedAt: env.recordedAt, actor: env.actor, topics: [] as string[], confidentiality: 'normal',
  };
}

const PROFILE_TITLES: Record<PartyEvent['type'], string> = {
  PartyRegistered: 'Registered', PartyNameChanged: 'Name changed', ContactPointAdded: 'Contact point added',
  ContactPointRemoved: 'Contact point removed', IdentifierAdded: 'Identifier added', ConsentGiven: 'Consent given',
  ConsentWithdrawn: 'Consent withdrawn', RelationshipLinked: 'Relationship linked', RelationshipUnlinked: 'Relationship unlinked',
  PartyMerged: 'Merged into another party', PartyUnmerged: 'Merge undone', ErasureRequested: 'Erasure requested',
  PartyErased: 'Erased', LegalHoldPlaced: 'Legal hold placed', LegalHoldReleased: 'Legal hold released',
  PartyAccessGranted: 'Access granted to another department (break glass)', PartyAccessRevoked: 'Access grant revoked',
};

function profileEntry(event: PartyEvent, env: RecordedEvent, ctx: ProjectionContext): void {
  const partyId = event.data.partyId;
  const details: Record<string, unknown> = {};
  if (event.type === 'ContactPointAdded') details.kind = event.data.kind;
  if (event.type === 'ConsentGiven' || event.type === 'ConsentWithdrawn') Object.assign(details, { purpose: event.data.purpose, channel: event.data.channel });
  if (event.type === 'RelationshipLinked') Object.assign(details, { kind: event.data.kind, toPartyId: event.data.toPartyId });
  if (event.type === 'PartyAccessGranted' || event.type === 'PartyAccessRevoked') details.department = event.data.department;
  if (event.type === 'PartyMerged' || event.type === 'PartyUnmerged') Object.assign(details, { survivorPartyId: event.data.survivorPartyId, reason: event.data.reason });
  const title = event.type === 'ContactPointAdded' ? `Contact point added (${event.data.kind})` : PROFILE_TITLES[event.type];
  putEntry(ctx, entryOf(base(env, partyId, partyId, 'profile'), { title, details }) satisfies Omit<TimelineEntry, 'audience'>);
}

async function interactionEntries(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionRecorded') {
    await trackInteractionV3(event, env, ctx, REFS);
    const d = event.data;
    for (const partyId of d.partyIds) {
      putEntry(ctx, entryOf(base(env, partyId, d.interactionId, 'interaction'), {
        occurredAt: d.occurredAt, channel: d.channel, direction: d.direction,
        department: d.department, topics: [...d.topics], title: `${d.channel} (${d.direction})`, summary: d.summary,
        confidentiality: d.confidentiality, details: { outcome: d.outcome, satisfaction: d.satisfaction, staffId: d.staffId },
      }) satisfies Omit<TimelineEntry, 'audience'>);
    }
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

/**
 * Every entry about a record (the original, amendments carrying earlier text, links) is readable by whoever
 * may read the record now: when it is restricted or moved to another department, its old entries follow.
 */
async function followCurrentRights(ctx: ProjectionContext, partyId: string, refId: string, rights: { department: string; confidentiality: string }): Promise<void> {
  for (const entry of await ctx.find<TimelineEntry>(T, [{ field: 'partyId', op: 'eq', value: partyId }, { field: 'refId', op: 'eq', value: refId }])) {
    if (entry.department === rights.department && entry.confidentiality === rights.confidentiality) continue;
    putEntry(ctx, Object.assign(fieldsOf(entry), { department: rights.department, confidentiality: rights.confidentiality }));
  }
}

async function correspondenceEntries(event: CorrespondenceEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const doc = await trackRecord(event, env, ctx, REFS);
  if (!doc) return;
  const step = event.type.replace('Correspondence', '').toLowerCase();
  for (const partyId of event.data.partyIds) {
    putEntry(ctx, entryOf(base(env, partyId, doc.refId, 'correspondence'), {
      channel: doc.channel, department: doc.department,
      title: `Correspondence ${step}`, summary: doc.subject, details: { status: doc.status, dueAt: doc.dueAt },
    }) satisfies Omit<TimelineEntry, 'audience'>);
    await followCurrentRights(ctx, partyId, doc.refId, { department: doc.department, confidentiality: 'normal' });
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
  // A page walks one party's entries newest first; the reader's scope (audience, confidentiality, kind) is
  // checked on the index entry, so only the entries on the page are read from the table.
  collections: [{ name: T, indexes: [{ name: 'party_scope', fields: ['partyId', 'occurredAt', 'id', 'audience', 'confidentiality', 'kind'], replaces: ['party_occurred'] }] }, refCollection(REFS)],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isInteractionEvent(event)) return interactionEntries(event, env, ctx);
    if (isCorrespondenceEvent(event)) return correspondenceEntries(event, env, ctx);
    if (!isPartyEvent(event)) return;
    profileEntry(event, env, ctx);
    if (event.type === 'PartyErased') {
      await eraseEntries(event.data.partyId, ctx);
      await trackRecord(event, env, ctx, REFS);
    }
  },
};
