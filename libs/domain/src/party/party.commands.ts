import { Command } from '../shared/decider';
import { ContactChannel, ContactPointKind, PartyKind, PartyName, PostalAddress, RelationshipKind } from './party.events';

export type RegisterParty = Command<'RegisterParty', {
  partyId: string;
  kind: PartyKind;
  name: PartyName;
  birthDate?: string;
  preferredLanguage?: string;
  /** Department of the staff member who registers the party (first in their scope). */
  department?: string;
  contactPoints?: readonly { contactPointId: string; kind: ContactPointKind; value: string; address?: PostalAddress; verified: boolean; label?: string }[];
  identifiers?: readonly { scheme: string; value: string }[];
}>;
export type ChangePartyName = Command<'ChangePartyName', { partyId: string; name: PartyName; reason?: string }>;
export type AddContactPoint = Command<'AddContactPoint', {
  partyId: string;
  contactPointId: string;
  kind: ContactPointKind;
  value: string;
  address?: PostalAddress;
  verified: boolean;
  label?: string;
}>;
export type RemoveContactPoint = Command<'RemoveContactPoint', { partyId: string; contactPointId: string; reason?: string }>;
export type AddIdentifier = Command<'AddIdentifier', { partyId: string; scheme: string; value: string }>;
export type GiveConsent = Command<'GiveConsent', { partyId: string; purpose: string; channel: ContactChannel; evidence?: string }>;
export type WithdrawConsent = Command<'WithdrawConsent', { partyId: string; purpose: string; channel: ContactChannel; reason?: string }>;
export type LinkRelationship = Command<'LinkRelationship', {
  partyId: string;
  relationshipId: string;
  kind: RelationshipKind;
  toPartyId: string;
  /** Resolved by the handler: whether the other party exists and is not erased. */
  toPartyKnown: boolean;
}>;
export type UnlinkRelationship = Command<'UnlinkRelationship', { partyId: string; relationshipId: string; reason?: string }>;
export type MergeParty = Command<'MergeParty', { partyId: string; survivorPartyId: string; survivorKnown: boolean; reason: string }>;
export type UnmergeParty = Command<'UnmergeParty', { partyId: string; reason: string }>;
export type RequestErasure = Command<'RequestErasure', { partyId: string; legalBasis: string }>;
export type CompleteErasure = Command<'CompleteErasure', { partyId: string }>;
export type PlaceLegalHold = Command<'PlaceLegalHold', { partyId: string; holdId: string; reason: string }>;
export type ReleaseLegalHold = Command<'ReleaseLegalHold', { partyId: string; holdId: string; reason?: string }>;
/** Break glass: the department gains sight of the party's profile, for the reason given. */
export type GrantPartyAccess = Command<'GrantPartyAccess', { partyId: string; grantId: string; department: string; reason: string }>;
export type RevokePartyAccess = Command<'RevokePartyAccess', { partyId: string; grantId: string; reason: string }>;

export type PartyCommand =
  | RegisterParty
  | ChangePartyName
  | AddContactPoint
  | RemoveContactPoint
  | AddIdentifier
  | GiveConsent
  | WithdrawConsent
  | LinkRelationship
  | UnlinkRelationship
  | MergeParty
  | UnmergeParty
  | RequestErasure
  | CompleteErasure
  | PlaceLegalHold
  | ReleaseLegalHold
  | GrantPartyAccess
  | RevokePartyAccess;
