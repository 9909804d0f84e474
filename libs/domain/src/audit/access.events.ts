import { DomainEvent } from '../shared/decider';

/** Event type of the access ledger: a batch of looks at parties' records by people. */
export const PARTY_RECORDS_ACCESSED = 'PartyRecordsAccessed';
export const ACCESS_LOG_STREAM_PREFIX = 'access-log-';

/** One look at a party's record by a person, as the access ledger records it. */
export interface PartyRecordAccess {
  readonly partyId: string;
  /** Who looked (the token's subject, or `cli:<os user>`). */
  readonly actor: string;
  readonly role: string;
  /** What was read: view, timeline, changes, export, replay, … */
  readonly endpoint: string;
  /** When, as an ISO 8601 instant. */
  readonly at: string;
  /** The reason the reader gave (X-Purpose), if any. */
  readonly purpose?: string;
  readonly correlationId?: string;
}

/**
 * One listing of parties to a person (a search): one entry naming every party it showed, so a search
 * is not mistaken for opening each record ("viewed") and keystrokes do not fill "who looked at this person".
 */
export interface PartiesListed extends Omit<PartyRecordAccess, 'partyId'> {
  readonly access: 'listed';
  readonly partyIds: readonly string[];
}

/** An entry of the access ledger: a look at one record, or a listing of several. */
export type AccessLedgerEntry = PartyRecordAccess | PartiesListed;

export const isListing = (entry: AccessLedgerEntry): entry is PartiesListed => (entry as PartiesListed).access === 'listed';

/** Every look (and listing) in one batch of the access ledger (one event per day stream and batch, not per read). */
export type PartyRecordsAccessed = DomainEvent<typeof PARTY_RECORDS_ACCESSED, { accesses: readonly AccessLedgerEntry[] }>;

/** Access events go to one stream per UTC day: `access-log-YYYY-MM-DD`. */
export function accessLogStreamId(at: Date): string {
  return accessLogStreamIdOf(at.toISOString());
}

/** The same from the instant as ISO 8601 text in UTC (`Date.prototype.toISOString`), for a caller that has it already. */
export function accessLogStreamIdOf(isoInstant: string): string {
  return `${ACCESS_LOG_STREAM_PREFIX}${isoInstant.slice(0, 10)}`;
}
