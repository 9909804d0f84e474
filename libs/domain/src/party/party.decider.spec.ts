import { deciderSpec, meta } from '../shared/decider.spec-kit';
import { partyDecider } from './party.decider';
import { PartyEvent } from './party.events';
import { partyDepartments } from './party.state';

const spec = deciderSpec(partyDecider);
const partyId = 'p-1';
const registered: PartyEvent = { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' } } };
const email: PartyEvent = { type: 'ContactPointAdded', data: { partyId, contactPointId: 'cp-1', kind: 'email', value: 'zoe@example.org', verified: true } };

describe('party decider', () => {
  describe('when unknown', () => {
    it('registers with contact points and identifiers', () =>
      spec([]).when({
        type: 'RegisterParty', metadata: meta,
        data: { partyId, kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' },
          contactPoints: [{ contactPointId: 'cp-1', kind: 'email', value: 'zoe@example.org', verified: true }],
          identifiers: [{ scheme: 'client-number', value: 'C-100' }] },
      }).then([
        { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' }, birthDate: undefined, preferredLanguage: undefined } },
        email,
        { type: 'IdentifierAdded', data: { partyId, scheme: 'client-number', value: 'C-100' } },
      ]));

    it('rejects duplicate contact points in the registration', () =>
      spec([]).when({
        type: 'RegisterParty', metadata: meta,
        data: { partyId, kind: 'person', name: { full: 'A' }, contactPoints: [
          { contactPointId: 'a', kind: 'email', value: 'a@b.c', verified: false },
          { contactPointId: 'b', kind: 'email', value: 'a@b.c', verified: false }] },
      }).thenFails('PARTY.CONTACT_POINT_EXISTS'));

    it.each([
      ['ChangePartyName', { partyId, name: { full: 'X' } }],
      ['AddIdentifier', { partyId, scheme: 's', value: 'v' }],
      ['GiveConsent', { partyId, purpose: 'newsletter', channel: 'sms' }],
      ['PlaceLegalHold', { partyId, holdId: 'h', reason: 'court order' }],
    ])('rejects %s with PARTY.NOT_FOUND', (type, data) =>
      spec([]).when({ type, data, metadata: meta } as never).thenFails('PARTY.NOT_FOUND'));
  });

  describe('when registered', () => {
    it('refuses to register twice', () =>
      spec([registered]).when({ type: 'RegisterParty', metadata: meta, data: { partyId, kind: 'person', name: { full: 'Again' } } }).thenFails('PARTY.ALREADY_REGISTERED'));

    it('changes the name, but not to the same name', () => {
      spec([registered]).when({ type: 'ChangePartyName', metadata: meta, data: { partyId, name: { full: 'Zoë Smith' }, reason: 'marriage' } })
        .then([{ type: 'PartyNameChanged', data: { partyId, name: { full: 'Zoë Smith' }, reason: 'marriage' } }]);
      spec([registered]).when({ type: 'ChangePartyName', metadata: meta, data: { partyId, name: { full: 'Zoë Núñez' } } }).thenFails('PARTY.NAME_UNCHANGED');
    });

    it('adds a contact point once and removes only existing ones', () => {
      spec([registered, email]).when({ type: 'AddContactPoint', metadata: meta, data: { partyId, contactPointId: 'cp-2', kind: 'email', value: 'zoe@example.org', verified: false } })
        .thenFails('PARTY.CONTACT_POINT_EXISTS');
      spec([registered, email]).when({ type: 'RemoveContactPoint', metadata: meta, data: { partyId, contactPointId: 'cp-1', reason: 'bounced' } })
        .then([{ type: 'ContactPointRemoved', data: { partyId, contactPointId: 'cp-1', reason: 'bounced' } }]);
      spec([registered]).when({ type: 'RemoveContactPoint', metadata: meta, data: { partyId, contactPointId: 'cp-1' } }).thenFails('PARTY.CONTACT_POINT_NOT_FOUND');
    });

    it('rejects a duplicate identifier', () =>
      spec([registered, { type: 'IdentifierAdded', data: { partyId, scheme: 'tax', value: '1' } }])
        .when({ type: 'AddIdentifier', metadata: meta, data: { partyId, scheme: 'tax', value: '1' } }).thenFails('PARTY.IDENTIFIER_EXISTS'));

    it('gives and withdraws consent per purpose and channel', () => {
      const given: PartyEvent = { type: 'ConsentGiven', data: { partyId, purpose: 'reminders', channel: 'sms' } };
      spec([registered, given]).when({ type: 'GiveConsent', metadata: meta, data: { partyId, purpose: 'reminders', channel: 'sms' } }).thenFails('PARTY.CONSENT_ALREADY_GIVEN');
      spec([registered, given]).when({ type: 'GiveConsent', metadata: meta, data: { partyId, purpose: 'reminders', channel: 'email' } })
        .then([{ type: 'ConsentGiven', data: { partyId, purpose: 'reminders', channel: 'email' } }]);
      spec([registered, given]).when({ type: 'WithdrawConsent', metadata: meta, data: { partyId, purpose: 'reminders', channel: 'sms' } })
        .then([{ type: 'ConsentWithdrawn', data: { partyId, purpose: 'reminders', channel: 'sms' } }]);
      spec([registered]).when({ type: 'WithdrawConsent', metadata: meta, data: { partyId, purpose: 'reminders', channel: 'sms' } }).thenFails('PARTY.CONSENT_NOT_GIVEN');
      // A consent for any channel can be narrowed by withdrawing one channel.
      const general: PartyEvent = { type: 'ConsentGiven', data: { partyId, purpose: 'reminders', channel: 'any' } };
      spec([registered, general]).when({ type: 'WithdrawConsent', metadata: meta, data: { partyId, purpose: 'reminders', channel: 'sms' } })
        .then([{ type: 'ConsentWithdrawn', data: { partyId, purpose: 'reminders', channel: 'sms' } }]);
      spec([registered, general]).when({ type: 'WithdrawConsent', metadata: meta, data: { partyId, purpose: 'other', channel: 'sms' } }).thenFails('PARTY.CONSENT_NOT_GIVEN');
    });

    it('links relationships to known other parties only', () => {
      const link = (toPartyId: string, toPartyKnown: boolean) => ({ type: 'LinkRelationship' as const, metadata: meta, data: { partyId, relationshipId: 'r-1', kind: 'spouse' as const, toPartyId, toPartyKnown } });
      spec([registered]).when(link('p-2', true)).then([{ type: 'RelationshipLinked', data: { partyId, relationshipId: 'r-1', kind: 'spouse', toPartyId: 'p-2' } }]);
      spec([registered]).when(link(partyId, true)).thenFails('PARTY.RELATIONSHIP_SELF');
      spec([registered]).when(link('p-9', false)).thenFails('PARTY.NOT_FOUND');
      spec([registered, { type: 'RelationshipLinked', data: { partyId, relationshipId: 'r-0', kind: 'spouse', toPartyId: 'p-2' } }]).when(link('p-2', true)).thenFails('PARTY.RELATIONSHIP_EXISTS');
    });

    it('unlinks a relationship, naming the other party', () =>
      spec([registered, { type: 'RelationshipLinked', data: { partyId, relationshipId: 'r-1', kind: 'guardian', toPartyId: 'p-3' } }])
        .when({ type: 'UnlinkRelationship', metadata: meta, data: { partyId, relationshipId: 'r-1' } })
        .then([{ type: 'RelationshipUnlinked', data: { partyId, relationshipId: 'r-1', toPartyId: 'p-3' } }]));

    it('merges into a survivor reversibly', () => {
      const merged: PartyEvent = { type: 'PartyMerged', data: { partyId, survivorPartyId: 'p-2', reason: 'duplicate' } };
      spec([registered]).when({ type: 'MergeParty', metadata: meta, data: { partyId, survivorPartyId: 'p-2', survivorKnown: true, reason: 'duplicate' } }).then([merged]);
      spec([registered]).when({ type: 'MergeParty', metadata: meta, data: { partyId, survivorPartyId: partyId, survivorKnown: true, reason: 'x' } }).thenFails('PARTY.MERGE_SELF');
      spec([registered, merged]).when({ type: 'MergeParty', metadata: meta, data: { partyId, survivorPartyId: 'p-3', survivorKnown: true, reason: 'x' } }).thenFails('PARTY.MERGED');
      spec([registered, merged]).when({ type: 'UnmergeParty', metadata: meta, data: { partyId, reason: 'different people' } })
        .then([{ type: 'PartyUnmerged', data: { partyId, survivorPartyId: 'p-2', reason: 'different people' } }]);
      spec([registered]).when({ type: 'UnmergeParty', metadata: meta, data: { partyId, reason: 'x' } }).thenFails('PARTY.NOT_MERGED');
    });
  });

  describe('erasure and legal hold', () => {
    const requested: PartyEvent = { type: 'ErasureRequested', data: { partyId, legalBasis: 'GDPR art. 17' } };
    const hold: PartyEvent = { type: 'LegalHoldPlaced', data: { partyId, holdId: 'h-1', reason: 'litigation' } };

    it('erases only after a request and while no hold is in force', () => {
      spec([registered]).when({ type: 'CompleteErasure', metadata: meta, data: { partyId } }).thenFails('PARTY.ERASURE_NOT_REQUESTED');
      spec([registered, requested, hold]).when({ type: 'CompleteErasure', metadata: meta, data: { partyId } }).thenFails('PARTY.LEGAL_HOLD_ACTIVE');
      spec([registered, requested, hold, { type: 'LegalHoldReleased', data: { partyId, holdId: 'h-1' } }])
        .when({ type: 'CompleteErasure', metadata: meta, data: { partyId } })
        .then([{ type: 'PartyErased', data: { partyId, legalBasis: 'GDPR art. 17' } }]);
    });

    it('refuses a second request, releasing an unknown hold, and any change after erasure', () => {
      spec([registered, requested]).when({ type: 'RequestErasure', metadata: meta, data: { partyId, legalBasis: 'again' } }).thenFails('PARTY.ERASURE_ALREADY_REQUESTED');
      spec([registered]).when({ type: 'ReleaseLegalHold', metadata: meta, data: { partyId, holdId: 'nope' } }).thenFails('PARTY.LEGAL_HOLD_NOT_FOUND');
      spec([registered, requested, { type: 'PartyErased', data: { partyId, legalBasis: 'x' } }])
        .when({ type: 'ChangePartyName', metadata: meta, data: { partyId, name: { full: 'New' } } }).thenFails('PARTY.ERASED');
    });
  });

  describe('break glass', () => {
    const housing: PartyEvent = { type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full: 'Zoë Núñez' }, department: 'housing' } };
    const granted: PartyEvent = { type: 'PartyAccessGranted', data: { partyId, grantId: 'g-1', department: 'waste', reason: 'At the waste counter', basis: 'break-glass' } };

    it('grants another department sight of the party, for a reason', () =>
      spec([housing]).when({ type: 'GrantPartyAccess', metadata: meta, data: { partyId, grantId: 'g-1', department: 'waste', reason: 'At the waste counter' } })
        .then([granted]));

    it('records nothing for a department that already sees the party', () =>
      spec([housing, granted]).when({ type: 'GrantPartyAccess', metadata: meta, data: { partyId, grantId: 'g-2', department: 'housing', reason: 'Asked again here' } })
        .then([]));

    it('refuses a grant without a reason', () =>
      spec([housing]).when({ type: 'GrantPartyAccess', metadata: meta, data: { partyId, grantId: 'g-1', department: 'waste', reason: '  ' } })
        .thenFails('COMMAND.INCOMPLETE'));

    it('revokes a grant in force, naming its department', () =>
      spec([housing, granted]).when({ type: 'RevokePartyAccess', metadata: meta, data: { partyId, grantId: 'g-1', reason: 'Not justified' } })
        .then([{ type: 'PartyAccessRevoked', data: { partyId, grantId: 'g-1', department: 'waste', reason: 'Not justified' } }]));

    it('refuses to revoke a grant twice', () =>
      spec([housing, granted, { type: 'PartyAccessRevoked', data: { partyId, grantId: 'g-1', department: 'waste', reason: 'Not justified' } }])
        .when({ type: 'RevokePartyAccess', metadata: meta, data: { partyId, grantId: 'g-1', reason: 'Again' } })
        .thenFails('PARTY.ACCESS_GRANT_NOT_FOUND'));

    it('keeps the departments that see the party in its state', () => {
      const state = [housing, granted].reduce(partyDecider.evolve, partyDecider.initialState());
      expect(partyDepartments(state)).toEqual(['housing', 'waste']);
    });
  });
});

describe('party decider: incomplete commands (whatever the transport let through)', () => {
  const bad = (type: string, data: Record<string, unknown>) => ({ type, metadata: meta, data: { partyId, ...data } }) as never;

  it('refuses a registration without a name, with an empty name, or a contact point without its value', () => {
    spec([]).when(bad('RegisterParty', { kind: 'person' })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(bad('RegisterParty', { kind: 'person', name: { full: '   ' } })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(bad('RegisterParty', { kind: 'alien', name: { full: 'Zoë' } })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(bad('RegisterParty', { kind: 'person', name: { full: 'Zoë' }, contactPoints: [{ contactPointId: 'cp', kind: 'email', verified: false }] })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(bad('RegisterParty', { kind: 'person', name: { full: 'Zoë' }, contactPoints: [{ contactPointId: 'cp', kind: 'postal', verified: false }] })).thenFails('COMMAND.INCOMPLETE');
  });

  it('refuses a name change without a name, an identifier of only spaces and null in optional fields', () => {
    spec([registered]).when(bad('ChangePartyName', {})).thenFails('COMMAND.INCOMPLETE');
    spec([registered]).when(bad('ChangePartyName', { name: { full: 'New', given: null } })).thenFails('COMMAND.INCOMPLETE');
    spec([registered]).when(bad('AddIdentifier', { scheme: 'client-number', value: '  ' })).thenFails('COMMAND.INCOMPLETE');
    spec([registered]).when(bad('MergeParty', { survivorPartyId: 'p-2', survivorKnown: true })).thenFails('COMMAND.INCOMPLETE');
  });
});
