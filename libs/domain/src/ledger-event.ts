import { CorrespondenceEvent } from './correspondence/correspondence.events';
import { InteractionEvent } from './interaction/interaction.events';
import { PartyEvent } from './party/party.events';

/** Every domain event the ledger records. */
export type LedgerEvent = PartyEvent | InteractionEvent | CorrespondenceEvent;
export type LedgerEventType = LedgerEvent['type'];
/** Current schema version of every event type; bump with an upcaster when a payload changes shape. */
export const SCHEMA_VERSION = 1;
