import { ContactChannel, ContactPointKind, PartyEvent, PartyKind, RelationshipKind } from '../party/party.events';
import { JsonSchema, members, object, text } from './json-schema';

const KIND = members<PartyKind>({ person: true, organisation: true });
const CONTACT_KIND = members<ContactPointKind>({ email: true, phone: true, postal: true });
const RELATIONSHIP_KIND = members<RelationshipKind>({ spouse: true, guardian: true, 'employee-of': true, representative: true, parent: true, child: true, other: true });
const CONTACT_CHANNEL = members<ContactChannel>({
  email: true, phone: true, sms: true, letter: true, counter: true, web: true, chat: true, social: true, 'field-visit': true, any: true,
});
const NAME = object({ full: text }, { given: text, family: text });
const ADDRESS = object({ lines: { type: 'array', items: { type: 'string' } }, country: text }, { postcode: { type: 'string' }, city: { type: 'string' } });
const party = { partyId: text };

/** Data schema of each party event, with its description. */
export const PARTY_EVENT_SCHEMAS: { [T in PartyEvent['type']]: [string, JsonSchema] } = {
  PartyRegistered: ['A citizen or organisation was registered.', object({ ...party, kind: KIND, name: NAME }, { birthDate: text, preferredLanguage: text, department: text })],
  PartyNameChanged: ['The party\'s name changed.', object({ ...party, name: NAME }, { reason: text })],
  ContactPointAdded: ['A contact point (normalised e-mail, E.164 phone, or one-line postal address) was added.', object(
    { ...party, contactPointId: text, kind: CONTACT_KIND, value: { type: 'string' }, verified: { type: 'boolean' } },
    { address: ADDRESS, label: text },
  )],
  ContactPointRemoved: ['A contact point was removed.', object({ ...party, contactPointId: text }, { reason: text })],
  IdentifierAdded: ['An identifier (scheme and value) was added.', object({ ...party, scheme: text, value: text })],
  ConsentGiven: ['Consent for a purpose over a channel was given.', object({ ...party, purpose: text, channel: CONTACT_CHANNEL }, { evidence: text })],
  ConsentWithdrawn: ['Consent for a purpose over a channel was withdrawn.', object({ ...party, purpose: text, channel: CONTACT_CHANNEL }, { reason: text })],
  RelationshipLinked: ['A relationship to another party was linked.', object({ ...party, relationshipId: text, kind: RELATIONSHIP_KIND, toPartyId: text })],
  RelationshipUnlinked: ['A relationship was unlinked.', object({ ...party, relationshipId: text, toPartyId: text }, { reason: text })],
  PartyMerged: ['The party (a duplicate) became an alias of the survivor.', object({ ...party, survivorPartyId: text, reason: text })],
  PartyUnmerged: ['A merge was undone.', object({ ...party, survivorPartyId: text, reason: text })],
  ErasureRequested: ['Erasure of the party\'s personal data was requested.', object({ ...party, legalBasis: text })],
  PartyErased: ['The party\'s personal data was erased (its key destroyed).', object({ ...party, legalBasis: text })],
  LegalHoldPlaced: ['A legal hold, which blocks erasure, was placed.', object({ ...party, holdId: text, reason: text })],
  LegalHoldReleased: ['A legal hold was released.', object({ ...party, holdId: text }, { reason: text })],
  PartyAccessGranted: ['A department gained sight of the party\'s profile (break glass).', object({ ...party, grantId: text, department: text, reason: text, basis: { const: 'break-glass' } })],
  PartyAccessRevoked: ['A break-glass grant was revoked.', object({ ...party, grantId: text, department: text, reason: text })],
};
