import {
  CorrespondenceEvent, InteractionEvent, InteractionRecorded, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, PartyEvent,
} from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Projection, ProjectionContext } from '../projection';
import { COLLECTIONS, TimelineEntry } from '../views';
import { fieldsOf } from './fields-of';
import { eraseTimelineEntry } from './erasure';
import { refCollection, refKey, refsSealedBy, SealedRecord, trackRecord } from './record-refs';
import { Condition } from '../read-store.port';

const T = COLLECTIONS.timeline;
/**
 * The timeline's own records (it reads no other projection's documents): of correspondence, and of who an
 * interaction with more than one party is about. An interaction's facts are on its entries.
 */
const REFS = 'timeline_refs';
export const entryId = (partyId: string, eventId: string) => `${partyId}:${eventId}`;

/** Who may see an entry by department: its department, or everyone who may see the party ('*', profile changes). */
export const EVERY_DEPARTMENT = '*';

/** Puts an entry with its audience (exported, like the helpers below, for timeline-v3.spec-kit.ts). */
export function putEntry(ctx: ProjectionContext, entry: Omit<TimelineEntry, 'audience'>): void {
  ctx.put(T, Object.assign(fieldsOf(entry), { audience: entry.department ?? EVERY_DEPARTMENT }) as TimelineEntry);
}

/** `{ ...base, ...fields }` without object spread (see fields-of.ts): `base` is a fresh object of this entry's own. */
export const entryOf = <B extends object, F extends object>(base: B, fields: F): B & F => Object.assign(base, fields);

export function base(env: RecordedEvent, partyId: string, refId: string, kind: TimelineEntry['kind']) {
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

export function profileEntry(event: PartyEvent, env: RecordedEvent, ctx: ProjectionContext): void {
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

/** One party's entries about one record (the original, amendments, links, …). */
const aboutRecord = (partyId: string, refId: string): Condition[] => [{ field: 'partyId', op: 'eq', value: partyId }, { field: 'refId', op: 'eq', value: refId }];

function recordedEntries(event: InteractionRecorded, env: RecordedEvent, ctx: ProjectionContext): void {
  const d = event.data;
  // Its text is sealed with the first party's key: the erasure of that party finds the other parties' entries through this.
  if (d.partyIds.length > 1) {
    ctx.put(REFS, { id: refKey('interaction', d.interactionId), kind: 'interaction', refId: d.interactionId, partyIds: [...d.partyIds], firstPartyId: d.partyIds[0] } satisfies SealedRecord);
  }
  putRecordingEntries(event, env, ctx);
}

/** The entry of each party an interaction's recording is about (the same in timeline.v3). */
export function putRecordingEntries(event: InteractionRecorded, env: RecordedEvent, ctx: ProjectionContext): void {
  const d = event.data;
  for (const partyId of d.partyIds) {
    putEntry(ctx, entryOf(base(env, partyId, d.interactionId, 'interaction'), {
      occurredAt: d.occurredAt, channel: d.channel, direction: d.direction,
      department: d.department, topics: [...d.topics], title: `${d.channel} (${d.direction})`, summary: d.summary,
      confidentiality: d.confidentiality, details: { outcome: d.outcome, satisfaction: d.satisfaction, staffId: d.staffId },
    }) satisfies Omit<TimelineEntry, 'audience'>);
  }
}

/** The interaction's facts after the event, from the entry of its recording (which shows the facts as they are). */
function factsAfter(original: TimelineEntry, event: Exclude<InteractionEvent, InteractionRecorded>) {
  const facts = {
    occurredAt: original.occurredAt, department: original.department as string, topics: original.topics, summary: original.summary,
    confidentiality: original.confidentiality, amended: original.amended === true,
  };
  if (event.type === 'InteractionAmended') {
    const { occurredAt, department, topics, summary } = event.data.changes;
    if (occurredAt !== undefined) facts.occurredAt = occurredAt;
    if (department !== undefined) facts.department = department;
    if (topics !== undefined) facts.topics = topics as string[];
    if (summary !== undefined) facts.summary = summary;
    facts.amended = true;
  }
  if (event.type === 'InteractionConfidentialitySet') facts.confidentiality = event.data.level;
  return facts;
}

async function interactionEntries(event: InteractionEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  if (event.type === 'InteractionRecorded') return recordedEntries(event, env, ctx);
  const refId = event.data.interactionId;
  for (const partyId of event.data.partyIds) {
    const entries = await ctx.find<TimelineEntry>(T, aboutRecord(partyId, refId));
    const original = entries.find((e) => e.type === 'InteractionRecorded');
    if (!original) continue;
    const facts = factsAfter(original, event);
    const rights = { department: facts.department, confidentiality: facts.confidentiality };
    // The original entry shows the current facts and says it was amended; the amendment has its own entry.
    Object.assign(original, { occurredAt: facts.occurredAt, topics: [...facts.topics], summary: facts.summary, amended: facts.amended }, rights);
    putEntry(ctx, original);
    const details: Record<string, unknown> = event.type === 'InteractionAmended'
      ? { reason: event.data.reason, changes: event.data.changes, previous: event.data.previous }
      : event.type === 'InteractionLinkedToCorrespondence' ? { correspondenceId: event.data.correspondenceId } : { level: event.data.level };
    putEntry(ctx, entryOf(base(env, partyId, refId, 'interaction'), {
      channel: original.channel, department: facts.department,
      topics: [...facts.topics], confidentiality: facts.confidentiality, title: event.type.replace('Interaction', 'Interaction '), details,
    }) satisfies Omit<TimelineEntry, 'audience'>);
    for (const entry of entries) if (entry !== original) followRights(ctx, entry, rights);
  }
}

/**
 * Every entry about a record (the original, amendments carrying earlier text, links) is readable by whoever
 * may read the record now: when it is restricted or moved to another department, its old entries follow.
 */
function followRights(ctx: ProjectionContext, entry: TimelineEntry, rights: { department: string; confidentiality: string }): void {
  if (entry.department === rights.department && entry.confidentiality === rights.confidentiality) return;
  putEntry(ctx, Object.assign(fieldsOf(entry), rights));
}

/**
 * Every entry about a record (the original, amendments carrying earlier text, links) is readable by whoever
 * may read the record now: when it is restricted or moved to another department, its old entries follow.
 */
export async function followCurrentRights(ctx: ProjectionContext, partyId: string, refId: string, rights: { department: string; confidentiality: string }): Promise<void> {
  for (const entry of await ctx.find<TimelineEntry>(T, aboutRecord(partyId, refId))) followRights(ctx, entry, rights);
}

async function correspondenceEntries(event: CorrespondenceEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
  const doc = await trackRecord(event, ctx, REFS);
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

/**
 * Entries about the interactions and correspondence whose personal data was sealed with the erased party's
 * key (it is their first party): its records with other parties (from the timeline's records), and its
 * interactions with no other party (recorded entries of its own without such a record).
 */
async function eraseEntries(partyId: string, ctx: ProjectionContext): Promise<void> {
  const shared = await refsSealedBy<SealedRecord>(ctx, REFS, partyId);
  const sealed = new Set(shared.map((r) => r.refId));
  const own = await ctx.find<TimelineEntry>(T, [{ field: 'partyId', op: 'eq', value: partyId }]);
  for (const entry of own) {
    if (entry.type !== 'InteractionRecorded' || sealed.has(entry.refId)) continue;
    if (!(await ctx.get(REFS, refKey('interaction', entry.refId)))) sealed.add(entry.refId);
  }
  const erase = (entry: TimelineEntry) => {
    eraseTimelineEntry(entry);
    putEntry(ctx, entry);
  };
  for (const entry of own) if (sealed.has(entry.refId)) erase(entry);
  for (const ref of shared) {
    for (const party of ref.partyIds) {
      if (party !== partyId) for (const entry of await ctx.find<TimelineEntry>(T, aboutRecord(party, ref.refId))) erase(entry);
    }
  }
}

/** Cross-channel timeline: one entry per party per event; follow-ups of an interaction update and follow its recording's entry. */
export const timelineProjection: Projection = {
  name: 'timeline.v4',
  // A page walks one party's entries newest first; the reader's scope (audience, confidentiality, kind) is
  // checked on the index entry, so only the entries on the page are read from the table. A follow-up of an
  // interaction finds the party's entries about it by `about_record`, also while a rebuild loads (without it each
  // amendment, reclassification or link scanned the party's whole timeline live, and the whole table in a rebuild).
  collections: [{
    name: T,
    indexes: [
      { name: 'party_scope', fields: ['partyId', 'occurredAt', 'id', 'audience', 'confidentiality', 'kind'], replaces: ['party_occurred'] },
      { name: 'about_record', fields: ['refId', 'partyId'], whileLoading: true },
    ],
  }, refCollection(REFS)],
  async project(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext): Promise<void> {
    if (isInteractionEvent(event)) return interactionEntries(event, env, ctx);
    if (isCorrespondenceEvent(event)) return correspondenceEntries(event, env, ctx);
    if (!isPartyEvent(event)) return;
    profileEntry(event, env, ctx);
    if (event.type === 'PartyErased') {
      await eraseEntries(event.data.partyId, ctx);
      await trackRecord(event, ctx, REFS);
    }
  },
};
