import { isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { TOPICS } from './topics';

/**
 * The public contract: which ledger events downstream services see, and which of their fields.
 * Left out on purpose: staff ids, free-text summaries of non-normal (sensitive, restricted)
 * interactions, correspondence subjects and texts, birth dates, legal holds and erasure requests,
 * idempotency data. Every payload has a JSON Schema in libs/messaging/contracts.
 */
export interface PublicEvent {
  readonly topic: string;
  readonly key: string;
  /** Event type without the version suffix, e.g. InteractionRecorded. */
  readonly name: string;
  readonly payload: Record<string, unknown>;
}

const SCHEMA_VERSION = 'v1';
export const publicType = (name: string) => `civic-ledger.${name}.${SCHEMA_VERSION}`;

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function party(event: LedgerEvent & { data: { partyId: string } }, payload: Record<string, unknown>): PublicEvent {
  return { topic: TOPICS.party, key: event.data.partyId, name: event.type, payload };
}

function partyEvent(e: LedgerEvent): PublicEvent | null {
  if (!isPartyEvent(e)) return null;
  switch (e.type) {
    case 'PartyRegistered': return party(e, pick(e.data, ['partyId', 'kind', 'name', 'preferredLanguage']));
    case 'PartyNameChanged': return party(e, pick(e.data, ['partyId', 'name']));
    case 'ContactPointAdded': return party(e, pick(e.data, ['partyId', 'contactPointId', 'kind', 'value', 'address', 'verified']));
    case 'ContactPointRemoved': return party(e, pick(e.data, ['partyId', 'contactPointId']));
    case 'IdentifierAdded': return party(e, pick(e.data, ['partyId', 'scheme', 'value']));
    case 'ConsentGiven':
    case 'ConsentWithdrawn': return party(e, pick(e.data, ['partyId', 'purpose', 'channel']));
    case 'RelationshipLinked': return party(e, pick(e.data, ['partyId', 'relationshipId', 'kind', 'toPartyId']));
    case 'RelationshipUnlinked': return party(e, pick(e.data, ['partyId', 'relationshipId', 'toPartyId']));
    case 'PartyMerged':
    case 'PartyUnmerged': return party(e, pick(e.data, ['partyId', 'survivorPartyId']));
    case 'PartyErased': return party(e, { partyId: e.data.partyId });
    case 'ErasureRequested':
    case 'LegalHoldPlaced':
    case 'LegalHoldReleased': return null;
    default: return null;
  }
}

function interactionEvent(e: LedgerEvent): PublicEvent | null {
  if (!isInteractionEvent(e)) return null;
  const key = e.data.partyIds[0];
  const base = { interactionId: e.data.interactionId, partyIds: [...e.data.partyIds] };
  switch (e.type) {
    case 'InteractionRecorded': {
      const d = e.data;
      const visible = d.confidentiality === 'normal' ? pick(d, ['summary', 'outcome']) : {};
      return { topic: TOPICS.interaction, key, name: e.type, payload: {
        ...base, ...pick(d, ['channel', 'direction', 'occurredAt', 'department', 'program', 'topics', 'satisfaction', 'durationSeconds', 'confidentiality']), ...visible,
      } };
    }
    case 'InteractionAmended': return { topic: TOPICS.interaction, key, name: e.type, payload: { ...base, changedFields: Object.keys(e.data.changes).sort() } };
    case 'InteractionLinkedToCorrespondence': return { topic: TOPICS.interaction, key, name: e.type, payload: { ...base, correspondenceId: e.data.correspondenceId } };
    case 'InteractionConfidentialitySet': return { topic: TOPICS.interaction, key, name: e.type, payload: { ...base, level: e.data.level } };
    default: return null;
  }
}

function correspondenceEvent(e: LedgerEvent): PublicEvent | null {
  if (!isCorrespondenceEvent(e)) return null;
  const key = e.data.partyIds[0];
  const base = { correspondenceId: e.data.correspondenceId, partyIds: [...e.data.partyIds] };
  const out = (payload: Record<string, unknown>): PublicEvent => ({ topic: TOPICS.correspondence, key, name: e.type, payload: { ...base, ...payload } });
  switch (e.type) {
    case 'CorrespondenceReceived': return out({ ...pick(e.data, ['channel', 'receivedAt', 'dueAt', 'department', 'reference']), attachmentCount: e.data.attachments.length });
    case 'CorrespondenceAcknowledged': return out({});
    case 'CorrespondenceAssigned': return out(pick(e.data, ['department']));
    case 'CorrespondenceResponded': return out({ channel: e.data.channel });
    case 'CorrespondenceClosed': return out({});
    case 'CorrespondenceReopened': return out(pick(e.data, ['dueAt']));
    default: return null;
  }
}

/** Signed checkpoints go out so that copies of the ledger's roots live outside the operators' control. */
const CHECKPOINT_EVENT = 'LedgerCheckpointSigned';
export const LEDGER_KEY = 'ledger';

/** The public form of a ledger event, or null for internal-only events. */
export function toPublicEvent(recorded: RecordedEvent): PublicEvent | null {
  if (recorded.type === CHECKPOINT_EVENT) return { topic: TOPICS.audit, key: LEDGER_KEY, name: CHECKPOINT_EVENT, payload: { ...recorded.data } };
  const event = { type: recorded.type, data: recorded.data } as LedgerEvent;
  return partyEvent(event) ?? interactionEvent(event) ?? correspondenceEvent(event);
}

export function categoryOf(streamId: string): string {
  return streamId.slice(0, streamId.indexOf('-'));
}
