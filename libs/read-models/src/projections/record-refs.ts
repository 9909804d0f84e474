import { ERASED, isCorrespondenceEvent, isInteractionEvent, LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { CollectionSpec, ProjectionContext } from '../projection';

/**
 * What a projection needs to know about an interaction or a piece of correspondence, kept by that
 * projection in a collection of its own: no projection reads another projection's documents, so each
 * can be rebuilt, moved to another worker or caught up alone. The same rules as the interactions and
 * correspondence projections apply (amendments, confidentiality, lifecycle, erasure of sealed text).
 */
export interface RecordRef {
  readonly id: string;
  kind: 'interaction' | 'correspondence';
  refId: string;
  partyIds: string[];
  /** Free text is sealed with the first party's key: its erasure erases the text. */
  firstPartyId: string;
  channel: string;
  department: string;
  confidentiality: string;
  /** Interactions. */
  recordedEventId?: string;
  occurredAt?: string;
  topics?: string[];
  summary?: string;
  amended?: boolean;
  /** Correspondence. */
  subject?: string;
  status?: string;
  dueAt?: string;
  receivedAt?: string;
  assigned?: boolean;
  [field: string]: unknown;
}

export const refKey = (kind: RecordRef['kind'], id: string): string => `${kind}:${id}`;

export function refCollection(name: string): CollectionSpec {
  return { name, indexes: [{ name: 'first_party', fields: ['firstPartyId'] }] };
}

/** The status each lifecycle step leads to (reopening depends on whether the item was assigned). */
export const STEP_STATUS: Record<string, string> = {
  CorrespondenceAcknowledged: 'acknowledged', CorrespondenceAssigned: 'assigned', CorrespondenceResponded: 'responded', CorrespondenceClosed: 'closed',
};

async function trackInteraction(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext, collection: string): Promise<RecordRef | null> {
  if (!isInteractionEvent(event)) return null;
  if (event.type === 'InteractionRecorded') {
    const d = event.data;
    const ref: RecordRef = {
      id: refKey('interaction', d.interactionId), kind: 'interaction', refId: d.interactionId, partyIds: [...d.partyIds], firstPartyId: d.partyIds[0],
      channel: d.channel, department: d.department, confidentiality: d.confidentiality, recordedEventId: env.id, occurredAt: d.occurredAt,
      topics: [...d.topics], summary: d.summary, amended: false,
    };
    ctx.put(collection, ref);
    return ref;
  }
  const ref = await ctx.get<RecordRef>(collection, refKey('interaction', event.data.interactionId));
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

async function trackCorrespondence(event: LedgerEvent, _env: RecordedEvent, ctx: ProjectionContext, collection: string): Promise<RecordRef | null> {
  if (!isCorrespondenceEvent(event)) return null;
  if (event.type === 'CorrespondenceReceived') {
    const d = event.data;
    const ref: RecordRef = {
      id: refKey('correspondence', d.correspondenceId), kind: 'correspondence', refId: d.correspondenceId, partyIds: [...d.partyIds],
      firstPartyId: d.partyIds[0], channel: d.channel, department: d.department, confidentiality: 'normal', subject: d.subject,
      status: 'received', dueAt: d.dueAt, receivedAt: d.receivedAt, assigned: false,
    };
    ctx.put(collection, ref);
    return ref;
  }
  const ref = await ctx.get<RecordRef>(collection, refKey('correspondence', event.data.correspondenceId));
  if (!ref) return null;
  if (event.type === 'CorrespondenceAssigned') {
    ref.assigned = true;
    if (event.data.department) ref.department = event.data.department;
  }
  if (event.type === 'CorrespondenceReopened') {
    ref.status = ref.assigned ? 'assigned' : 'received';
    if (event.data.dueAt) ref.dueAt = event.data.dueAt;
  } else {
    ref.status = STEP_STATUS[event.type] ?? ref.status;
  }
  ctx.put(collection, ref);
  return ref;
}

/** Records whose free text was sealed with the party's key (it is their first party). */
export function refsSealedBy(ctx: ProjectionContext, collection: string, partyId: string): Promise<RecordRef[]> {
  return ctx.find<RecordRef>(collection, [{ field: 'firstPartyId', op: 'eq', value: partyId }]);
}

/**
 * Applies the event to the projection's own record of the interaction or correspondence it is about and
 * returns that record as it is after the event (null for other events). An erasure erases the sealed text.
 */
export async function trackRecord(event: LedgerEvent, env: RecordedEvent, ctx: ProjectionContext, collection: string): Promise<RecordRef | null> {
  if (event.type === 'PartyErased') {
    for (const ref of await refsSealedBy(ctx, collection, event.data.partyId)) {
      if (typeof ref.summary === 'string') ref.summary = ERASED;
      if (typeof ref.subject === 'string') ref.subject = ERASED;
      ctx.put(collection, ref);
    }
    return null;
  }
  return (await trackInteraction(event, env, ctx, collection)) ?? trackCorrespondence(event, env, ctx, collection);
}
