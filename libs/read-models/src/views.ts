/** Document shapes of the read models (version 1). */

export interface PartyView {
  readonly id: string;
  kind: 'person' | 'organisation';
  name: { full: string; given?: string; family?: string };
  sortName: string;
  birthDate?: string;
  preferredLanguage?: string;
  status: 'active' | 'merged' | 'erased';
  contactPoints: { id: string; kind: string; value: string; address?: unknown; verified: boolean; label?: string; since: string }[];
  identifiers: { scheme: string; value: string; since: string }[];
  relationships: { id: string; kind: string; partyId: string; direction: 'outgoing' | 'incoming'; since: string }[];
  consents: { purpose: string; channel: string; since: string }[];
  consentHistory: { purpose: string; channel: string; action: 'given' | 'withdrawn'; at: string; recordedAt: string }[];
  mergedInto: string | null;
  mergedFrom: string[];
  /** Every party ever linked by relationship or merge; never shrinks (used to replay history). */
  linkedPartyIds: string[];
  legalHolds: { holdId: string; reason: string; since: string }[];
  /**
   * Departments whose staff see the profile: the registering department, break-glass grants in force, and
   * departments that recorded a contact or received correspondence (which the access policy allows only to
   * departments that already see the party, or through break glass). Scope of department staff.
   */
  departments: string[];
  registeredBy?: string | null;
  /** Break-glass grants in force (the reasons are in the access_grants collection, for privacy officers). */
  accessGrants?: { grantId: string; department: string; since: string }[];
  erasure: { legalBasis: string; requestedAt: string; erasedAt?: string } | null;
  openCorrespondence: { id: string; subject: string; status: string; dueAt: string; department: string; receivedAt: string }[];
  /**
   * Interactions per channel and the last contact, as a reader's scope shows them: summed from the contact
   * cells by the application (`partyViewFor`) for every answer. `party-view.v5` stores none; a document
   * `party-view.v4` wrote holds totals over every contact (which no answer shows) until the party's next contact.
   */
  interactionCounts?: Record<string, number>;
  lastContact?: LastContact | null;
  /**
   * The same per department × confidentiality level, so that a reader's view sums the cells its scope
   * allows (never shown to readers: the application turns them into counts for the reader's scope).
   */
  contactCells?: (ContactCell | LegacyContactCell)[];
  /** Revision of the party's own stream (the ETag of the party). */
  revision: number;
  registeredAt: string;
  updatedAt: string;
  [field: string]: unknown;
}

export interface LastContact {
  at: string;
  channel: string;
  interactionId: string;
}

/**
 * Contacts of one party recorded for one department at one confidentiality level, as the party document
 * stores them since `party-view.v5`: a tuple of plain values, because every view parses the party's cells
 * and a tuple parses in about half the time the same cell as an object with named members took
 * (docs/benchmarks.md). The members:
 * 0. the department;
 * 1. the confidentiality level;
 * 2. interactions per channel, in `CELL_CHANNELS` order (a shorter list counts 0 for the channels after it);
 * 3–5. the latest contact by business time (ties: the greater interaction id): its time, channel and
 *    interaction id; null while the cell has none.
 */
export type ContactCell = [department: string, confidentiality: string, counts: number[], lastAt: string | null, lastChannel: string | null, lastInteractionId: string | null];

/** A cell as `party-view.v4` stored it; still read in documents written before the upgrade (see contact-cells.ts). */
export interface LegacyContactCell {
  department: string;
  confidentiality: string;
  counts: Record<string, number>;
  last: LastContact | null;
}

export interface TimelineEntry {
  readonly id: string;
  partyId: string;
  eventId: string;
  position: number;
  streamId: string;
  refId: string;
  kind: 'interaction' | 'correspondence' | 'profile';
  type: string;
  occurredAt: string;
  recordedAt: string;
  actor: string;
  channel?: string;
  direction?: string;
  department?: string;
  /** The department that may see the entry, or '*' (profile changes: whoever may see the party). */
  audience: string;
  topics: string[];
  title: string;
  summary?: string;
  confidentiality: string;
  amended?: boolean;
  details?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface InteractionView {
  readonly id: string;
  channel: string;
  direction: string;
  occurredAt: string;
  partyIds: string[];
  staffId?: string;
  department: string;
  program?: string;
  topics: string[];
  summary: string;
  outcome?: string;
  satisfaction?: number;
  durationSeconds?: number;
  confidentiality: string;
  correspondenceIds: string[];
  amendments: { at: string; actor: string; reason: string; changes: Record<string, unknown>; previous: Record<string, unknown> }[];
  recordedAt: string;
  recordedBy: string;
  recordedEventId: string;
  revision: number;
  updatedAt: string;
  [field: string]: unknown;
}

export interface CorrespondenceView {
  readonly id: string;
  partyIds: string[];
  channel: string;
  subject: string;
  reference?: string;
  receivedAt: string;
  dueAt: string;
  department: string;
  attachments: unknown[];
  status: string;
  assigneeId: string | null;
  steps: { step: string; at: string; actor: string; recordedAt: string; details: Record<string, unknown> }[];
  closedAt: string | null;
  revision: number;
  updatedAt: string;
  [field: string]: unknown;
}

export const COLLECTIONS = {
  parties: 'parties',
  timeline: 'timeline',
  interactions: 'interactions',
  correspondence: 'correspondence',
  partyLookup: 'party_lookup',
  partyLookupKeys: 'party_lookup_keys',
  accessLog: 'access_log',
  accessGrants: 'access_grants',
  partyDuplicates: 'party_duplicates',
  partyDuplicateKeys: 'party_duplicate_keys',
} as const;

/**
 * Parties that share one exact e-mail, phone or identifier (scheme and value): a key and who holds it.
 * `shared` is true from two parties on: the duplicate candidates supervisors review.
 */
export interface DuplicateKeyView {
  /** `<kind>|<value>` (identifiers: `identifier|<scheme>|<normalised value>`). */
  readonly id: string;
  kind: 'email' | 'phone' | 'identifier';
  value: string;
  scheme?: string;
  /** Sorted. */
  partyIds: string[];
  shared: boolean;
  [field: string]: unknown;
}

/** A break-glass grant, for privacy officers to review and revoke. */
export interface AccessGrantView {
  /** The grant id. */
  readonly id: string;
  partyId: string;
  department: string;
  reason: string;
  grantedBy: string;
  grantedAt: string;
  status: 'active' | 'revoked';
  revokedBy?: string;
  revokedAt?: string;
  revocationReason?: string;
  position: number;
  [field: string]: unknown;
}

/** One look at a party's record by a person (the access ledger). */
export interface AccessLogEntry {
  /** Id of the PartyRecordAccessed event. */
  readonly id: string;
  partyId: string;
  actor: string;
  role: string;
  /** What was read: view, timeline, changes, export, replay, … */
  endpoint: string;
  /** `viewed`: the record was opened; `listed`: the party was among the results of a listing (a search). */
  access: 'viewed' | 'listed';
  /** For a listed party: the listing's entry id and how many parties it showed. */
  listing?: { id: string; parties: number };
  purpose?: string;
  at: string;
  position: number;
  [field: string]: unknown;
}
