import { ERASED, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LEDGER_CHECKPOINT_SIGNED, LedgerEvent } from '@civic-ledger/domain';
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
  /**
   * The party whose data key seals the personal fields this payload carries in clear (absent when it
   * carries none): the relay checks that key is still there right before it sends.
   */
  readonly personalDataOf?: string;
}

/**
 * The published version of each message type (1 when not listed). Version 2 of the types that carry
 * personal data never carries a placeholder for erased data: erased fields are absent and `erased` is
 * true (PartyProfile: `status` "erased"). Published versions are never changed in place; v1 schemas
 * stay in contracts/ for the messages the topics still hold.
 */
const VERSIONS: Readonly<Record<string, number>> = {
  PartyRegistered: 2, PartyNameChanged: 2, ContactPointAdded: 2, IdentifierAdded: 2, InteractionRecorded: 2, PartyProfile: 2,
};
export const versionOf = (name: string): number => VERSIONS[name] ?? 1;
export const publicType = (name: string) => `civic-ledger.${name}.v${versionOf(name)}`;
/** The JSON Schema file of the published version of a message type, in libs/messaging/contracts. */
export const schemaFile = (name: string) => `${name}.v${versionOf(name)}.schema.json`;

/** What the decrypting event store shows for a personal field whose key was destroyed. */
export function isErasedValue(value: unknown): boolean {
  return value === ERASED || (typeof value === 'object' && value !== null && (value as { full?: unknown }).full === ERASED);
}

/** Copies the personal fields that are still readable; the rest are left out and flagged by `erased`. */
function personal(data: object, fields: readonly string[], visible = true): { clear: Record<string, unknown>; erased: boolean } {
  const clear: Record<string, unknown> = {};
  let erased = false;
  for (const field of fields) {
    const value = (data as Record<string, unknown>)[field];
    if (value === undefined) continue;
    if (isErasedValue(value)) erased = true;
    else if (visible) clear[field] = value;
  }
  return { clear, erased };
}

function pick<T extends object, K extends keyof T>(source: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (source[key] !== undefined) out[key] = source[key];
  return out;
}

function party(event: LedgerEvent & { data: { partyId: string } }, payload: Record<string, unknown>): PublicEvent {
  return { topic: TOPICS.party, key: event.data.partyId, name: event.type, payload };
}

/** A party event with personal fields: those still readable in clear, `erased` true when some were erased. */
function partyWithPersonal(event: LedgerEvent & { data: { partyId: string } }, base: Record<string, unknown>, fields: readonly string[]): PublicEvent {
  const { clear, erased } = personal(event.data, fields);
  const out = party(event, { ...base, ...clear, erased });
  return Object.keys(clear).length > 0 ? { ...out, personalDataOf: event.data.partyId } : out;
}

function partyEvent(e: LedgerEvent): PublicEvent | null {
  if (!isPartyEvent(e)) return null;
  switch (e.type) {
    case 'PartyRegistered': return partyWithPersonal(e, pick(e.data, ['partyId', 'kind', 'preferredLanguage']), ['name']);
    case 'PartyNameChanged': return partyWithPersonal(e, pick(e.data, ['partyId']), ['name']);
    case 'ContactPointAdded': return partyWithPersonal(e, pick(e.data, ['partyId', 'contactPointId', 'kind', 'verified']), ['value', 'address']);
    case 'ContactPointRemoved': return party(e, pick(e.data, ['partyId', 'contactPointId']));
    case 'IdentifierAdded': return partyWithPersonal(e, pick(e.data, ['partyId', 'scheme']), ['value']);
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

const INTERACTION_FIELDS = ['channel', 'direction', 'occurredAt', 'department', 'program', 'topics', 'satisfaction', 'durationSeconds', 'confidentiality'] as const;
const INTERACTION_PERSONAL = ['summary', 'outcome'] as const;

function interactionEvent(e: LedgerEvent): PublicEvent | null {
  if (!isInteractionEvent(e)) return null;
  const key = e.data.partyIds[0];
  const base = { interactionId: e.data.interactionId, partyIds: [...e.data.partyIds] };
  switch (e.type) {
    case 'InteractionRecorded': {
      // The most frequent event by far: its payload is built field by field (no spreads), in the
      // order the spreads gave: base, the public fields that are set, the readable personal ones, erased.
      const d = e.data as unknown as Record<string, unknown>;
      const payload: Record<string, unknown> = base;
      for (const field of INTERACTION_FIELDS) if (d[field] !== undefined) payload[field] = d[field];
      const visible = d.confidentiality === 'normal';
      let erased = false;
      let carriesPersonal = false;
      for (const field of INTERACTION_PERSONAL) {
        const value = d[field];
        if (value === undefined) continue;
        if (isErasedValue(value)) erased = true;
        else if (visible) { payload[field] = value; carriesPersonal = true; }
      }
      payload.erased = erased;
      const event: PublicEvent = { topic: TOPICS.interaction, key, name: e.type, payload };
      // Sealed with the first party's key (see the encrypting event store).
      return carriesPersonal ? { ...event, personalDataOf: key } : event;
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
const CHECKPOINT_EVENT = LEDGER_CHECKPOINT_SIGNED;
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
