import { DomainEvent } from '../shared/decider';

export type PartyKind = 'person' | 'organisation';
export type ContactPointKind = 'email' | 'phone' | 'postal';
export type RelationshipKind = 'spouse' | 'guardian' | 'employee-of' | 'representative' | 'parent' | 'child' | 'other';
export type ContactChannel = 'email' | 'phone' | 'sms' | 'letter' | 'counter' | 'web' | 'chat' | 'social' | 'field-visit' | 'any';

export interface PartyName {
  /** Full display name (person: given + family; organisation: legal name). */
  readonly full: string;
  readonly given?: string;
  readonly family?: string;
}

export interface PostalAddress {
  readonly lines: readonly string[];
  readonly postcode?: string;
  readonly city?: string;
  readonly country: string;
}

export type PartyRegistered = DomainEvent<'PartyRegistered', {
  partyId: string;
  kind: PartyKind;
  name: PartyName;
  birthDate?: string;
  preferredLanguage?: string;
  /** Department of the staff member who registered the party. */
  department?: string;
}>;
export type PartyNameChanged = DomainEvent<'PartyNameChanged', { partyId: string; name: PartyName; reason?: string }>;
export type ContactPointAdded = DomainEvent<'ContactPointAdded', {
  partyId: string;
  contactPointId: string;
  kind: ContactPointKind;
  /** Normalised value: lower-case email, E.164 phone, or a one-line postal address. */
  value: string;
  address?: PostalAddress;
  verified: boolean;
  label?: string;
}>;
export type ContactPointRemoved = DomainEvent<'ContactPointRemoved', { partyId: string; contactPointId: string; reason?: string }>;
export type IdentifierAdded = DomainEvent<'IdentifierAdded', { partyId: string; scheme: string; value: string }>;
export type ConsentGiven = DomainEvent<'ConsentGiven', { partyId: string; purpose: string; channel: ContactChannel; evidence?: string }>;
export type ConsentWithdrawn = DomainEvent<'ConsentWithdrawn', { partyId: string; purpose: string; channel: ContactChannel; reason?: string }>;
export type RelationshipLinked = DomainEvent<'RelationshipLinked', {
  partyId: string;
  relationshipId: string;
  kind: RelationshipKind;
  toPartyId: string;
}>;
export type RelationshipUnlinked = DomainEvent<'RelationshipUnlinked', { partyId: string; relationshipId: string; toPartyId: string; reason?: string }>;
/** Recorded on the duplicate's stream: it is now an alias of the survivor. Never destructive. */
export type PartyMerged = DomainEvent<'PartyMerged', { partyId: string; survivorPartyId: string; reason: string }>;
export type PartyUnmerged = DomainEvent<'PartyUnmerged', { partyId: string; survivorPartyId: string; reason: string }>;
export type ErasureRequested = DomainEvent<'ErasureRequested', { partyId: string; legalBasis: string }>;
export type PartyErased = DomainEvent<'PartyErased', { partyId: string; legalBasis: string }>;
export type LegalHoldPlaced = DomainEvent<'LegalHoldPlaced', { partyId: string; holdId: string; reason: string }>;
export type LegalHoldReleased = DomainEvent<'LegalHoldReleased', { partyId: string; holdId: string; reason?: string }>;
/**
 * "Break glass": a department that did not register the party gains sight of its profile (never of
 * other departments' interactions or correspondence) because a member of its staff deals with the
 * citizen and stated why. Privacy officers review and revoke grants.
 */
export type PartyAccessGranted = DomainEvent<'PartyAccessGranted', { partyId: string; grantId: string; department: string; reason: string; basis: 'break-glass' }>;
export type PartyAccessRevoked = DomainEvent<'PartyAccessRevoked', { partyId: string; grantId: string; department: string; reason: string }>;

export type PartyEvent =
  | PartyRegistered
  | PartyNameChanged
  | ContactPointAdded
  | ContactPointRemoved
  | IdentifierAdded
  | ConsentGiven
  | ConsentWithdrawn
  | RelationshipLinked
  | RelationshipUnlinked
  | PartyMerged
  | PartyUnmerged
  | ErasureRequested
  | PartyErased
  | LegalHoldPlaced
  | LegalHoldReleased
  | PartyAccessGranted
  | PartyAccessRevoked;
