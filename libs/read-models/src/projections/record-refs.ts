import { ERASED, isCorrespondenceEvent, LedgerEvent } from '@civic-ledger/domain';
import { CollectionSpec, ProjectionContext } from '../projection';

/**
 * Who a record is about, kept by a projection in a collection of its own (no projection reads another
 * projection's documents, so each can be rebuilt, moved to another worker or caught up alone): free text
 * is sealed with the first party's key, so that party's erasure erases it for every party.
 */
export interface SealedRecord {
  readonly id: string;
  kind: 'interaction' | 'correspondence';
  refId: string;
  partyIds: string[];
  /** Free text is sealed with the first party's key: its erasure erases the text. */
  firstPartyId: string;
  [field: string]: unknown;
}

/**
 * What a projection needs to know about a piece of correspondence: the same rules as the correspondence
 * projection apply (lifecycle, erasure of sealed text). (Records of interactions written by `timeline.v3`
 * and earlier held an interaction's facts too; the timeline now reads them from its own entries.)
 */
export interface RecordRef extends SealedRecord {
  channel: string;
  department: string;
  confidentiality: string;
  subject?: string;
  status?: string;
  dueAt?: string;
  receivedAt?: string;
  assigned?: boolean;
}

export const refKey = (kind: RecordRef['kind'], id: string): string => `${kind}:${id}`;

export function refCollection(name: string): CollectionSpec {
  return { name, indexes: [{ name: 'first_party', fields: ['firstPartyId'] }] };
}

/** The status each lifecycle step leads to (reopening depends on whether the item was assigned). */
export const STEP_STATUS: Record<string, string> = {
  CorrespondenceAcknowledged: 'acknowledged', CorrespondenceAssigned: 'assigned', CorrespondenceResponded: 'responded', CorrespondenceClosed: 'closed',
};

async function trackCorrespondence(event: LedgerEvent, ctx: ProjectionContext, collection: string): Promise<RecordRef | null> {
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
export function refsSealedBy<R extends SealedRecord = RecordRef>(ctx: ProjectionContext, collection: string, partyId: string): Promise<R[]> {
  return ctx.find<R>(collection, [{ field: 'firstPartyId', op: 'eq', value: partyId }]);
}

/**
 * Applies the event to the projection's own record of the correspondence it is about and returns that
 * record as it is after the event (null for other events). An erasure erases the sealed text (of records
 * of interactions too, which older versions kept with their summary).
 */
export async function trackRecord(event: LedgerEvent, ctx: ProjectionContext, collection: string): Promise<RecordRef | null> {
  if (event.type === 'PartyErased') {
    for (const ref of await refsSealedBy<SealedRecord & { summary?: unknown; subject?: unknown }>(ctx, collection, event.data.partyId)) {
      if (typeof ref.summary === 'string') ref.summary = ERASED;
      if (typeof ref.subject === 'string') ref.subject = ERASED;
      ctx.put(collection, ref);
    }
    return null;
  }
  return trackCorrespondence(event, ctx, collection);
}
