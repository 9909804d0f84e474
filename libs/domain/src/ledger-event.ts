import { PartyRecordsAccessed } from './audit/access.events';
import { LedgerCheckpointSigned } from './audit/checkpoint.events';
import { CorrespondenceEvent } from './correspondence/correspondence.events';
import { InteractionEvent } from './interaction/interaction.events';
import { PartyEvent } from './party/party.events';

/** Every domain event the ledger records. */
export type LedgerEvent = PartyEvent | InteractionEvent | CorrespondenceEvent;
export type LedgerEventType = LedgerEvent['type'];
/** Events the ledger records about itself: the access ledger's batches and signed checkpoints. */
export type AuditEvent = PartyRecordsAccessed | LedgerCheckpointSigned;
/** Every event type the ledger holds, each with a data schema (EVENT_DATA_SCHEMAS). */
export type KnownEventType = LedgerEventType | AuditEvent['type'];
/** Current schema version of every event type; bump with an upcaster when a payload changes shape. */
export const SCHEMA_VERSION = 1;

const PARTY_TYPES: ReadonlySet<string> = new Set<string>([
  'PartyRegistered', 'PartyNameChanged', 'ContactPointAdded', 'ContactPointRemoved', 'IdentifierAdded',
  'ConsentGiven', 'ConsentWithdrawn', 'RelationshipLinked', 'RelationshipUnlinked', 'PartyMerged',
  'PartyUnmerged', 'ErasureRequested', 'PartyErased', 'LegalHoldPlaced', 'LegalHoldReleased', 'PartyAccessGranted', 'PartyAccessRevoked',
] satisfies PartyEvent['type'][]);

export function isPartyEvent(event: LedgerEvent): event is PartyEvent {
  return PARTY_TYPES.has(event.type);
}

export function isInteractionEvent(event: LedgerEvent): event is InteractionEvent {
  return event.type.startsWith('Interaction');
}

export function isCorrespondenceEvent(event: LedgerEvent): event is CorrespondenceEvent {
  return event.type.startsWith('Correspondence');
}
