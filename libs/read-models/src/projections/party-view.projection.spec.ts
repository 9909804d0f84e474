import { PartyEvent } from '@civic-ledger/domain';
import { cellsOf, sumContactCells } from '../contact-cells';
import { COLLECTIONS, PartyView } from '../views';
import { correspondenceReceived, given, interactionRecorded, project, SpecLedger } from './projection.spec-kit';

const P = COLLECTIONS.parties;
const G = COLLECTIONS.accessGrants;
const at = SpecLedger.timeOf;

const registered = (partyId: string, full: string, department?: string): PartyEvent => ({
  type: 'PartyRegistered', data: { partyId, kind: 'person', name: { full, given: full.split(' ')[0], family: full.split(' ')[1] }, ...(department ? { department } : {}) },
});

describe('party view projection', () => {
  describe('when a party is registered', () => {
    it('holds the whole profile, seen by the registering department', async () => {
      const ledger = new SpecLedger();
      ledger.add({ type: 'PartyRegistered', data: {
        partyId: 'p-1', kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' }, birthDate: '1980-05-04', preferredLanguage: 'es', department: 'housing',
      } });
      await given(...ledger.events).thenDocuments(P, [{
        id: 'p-1', kind: 'person', name: { full: 'Zoë Núñez', given: 'Zoë', family: 'Núñez' }, sortName: 'nunez zoe', birthDate: '1980-05-04', preferredLanguage: 'es',
        status: 'active', contactPoints: [], identifiers: [], relationships: [], consents: [], consentHistory: [], mergedInto: null, mergedFrom: [],
        linkedPartyIds: [], legalHolds: [], departments: ['housing'], erasure: null, openCorrespondence: [], registeredBy: 'housing', accessGrants: [],
        contactCells: [], revision: 0, registeredAt: at(1), updatedAt: at(1),
      }]);
    });
  });

  describe('when the profile changes', () => {
    it('follows name, contact points, identifiers, consents and legal holds, with the party stream revision', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      ledger.add({ type: 'PartyNameChanged', data: { partyId: 'p-1', name: { full: 'Ada Lovelace', given: 'Ada', family: 'Lovelace' } } });
      ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-1', kind: 'email', value: 'ada@example.org', verified: true } });
      ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-2', kind: 'phone', value: '+441234567890', verified: false } });
      ledger.add({ type: 'ContactPointRemoved', data: { partyId: 'p-1', contactPointId: 'cp-1' } });
      ledger.add({ type: 'IdentifierAdded', data: { partyId: 'p-1', scheme: 'nino', value: 'QQ123456C' } });
      ledger.add({ type: 'ConsentGiven', data: { partyId: 'p-1', purpose: 'newsletter', channel: 'email' } });
      ledger.add({ type: 'ConsentWithdrawn', data: { partyId: 'p-1', purpose: 'newsletter', channel: 'email' } });
      ledger.add({ type: 'LegalHoldPlaced', data: { partyId: 'p-1', holdId: 'h-1', reason: 'litigation' } });
      ledger.add({ type: 'LegalHoldPlaced', data: { partyId: 'p-1', holdId: 'h-2', reason: 'audit' } });
      ledger.add({ type: 'LegalHoldReleased', data: { partyId: 'p-1', holdId: 'h-1' } });
      await given(...ledger.events).thenDocument(P, 'p-1', {
        name: { full: 'Ada Lovelace', given: 'Ada', family: 'Lovelace' }, sortName: 'lovelace ada',
        contactPoints: [{ id: 'cp-2', kind: 'phone', value: '+441234567890', verified: false, since: at(4) }],
        identifiers: [{ scheme: 'nino', value: 'QQ123456C', since: at(6) }],
        consents: [],
        consentHistory: [
          { purpose: 'newsletter', channel: 'email', action: 'given', at: at(7), recordedAt: at(7) },
          { purpose: 'newsletter', channel: 'email', action: 'withdrawn', at: at(8), recordedAt: at(8) },
        ],
        legalHolds: [{ holdId: 'h-2', reason: 'audit', since: at(10) }],
        revision: 10, updatedAt: at(11),
      });
    });

    it('shows relationships on both sides, and merges on the duplicate and the survivor', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron'));
      ledger.add(registered('p-2', 'Anne Byron'));
      ledger.add(registered('p-3', 'Ada Lovelace'));
      ledger.add({ type: 'RelationshipLinked', data: { partyId: 'p-1', relationshipId: 'r-1', kind: 'parent', toPartyId: 'p-2' } });
      ledger.add({ type: 'PartyMerged', data: { partyId: 'p-1', survivorPartyId: 'p-3', reason: 'duplicate' } });
      await given(...ledger.events).thenMatching(P, [
        { id: 'p-1', status: 'merged', mergedInto: 'p-3', linkedPartyIds: ['p-2', 'p-3'], revision: 2,
          relationships: [{ id: 'r-1', kind: 'parent', partyId: 'p-2', direction: 'outgoing', since: at(4) }] },
        // The other side's view changes, but its revision stays that of its own stream.
        { id: 'p-2', linkedPartyIds: ['p-1'], revision: 0, updatedAt: at(4),
          relationships: [{ id: 'r-1', kind: 'parent', partyId: 'p-1', direction: 'incoming', since: at(4) }] },
        { id: 'p-3', mergedFrom: ['p-1'], linkedPartyIds: ['p-1'], revision: 0, updatedAt: at(5) },
      ]);
    });

    it('drops the relationship on both sides when unlinked, and the merge when undone (the links stay)', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron'));
      ledger.add(registered('p-2', 'Anne Byron'));
      ledger.add({ type: 'RelationshipLinked', data: { partyId: 'p-1', relationshipId: 'r-1', kind: 'spouse', toPartyId: 'p-2' } });
      ledger.add({ type: 'RelationshipUnlinked', data: { partyId: 'p-1', relationshipId: 'r-1', toPartyId: 'p-2' } });
      ledger.add({ type: 'PartyMerged', data: { partyId: 'p-2', survivorPartyId: 'p-1', reason: 'duplicate' } });
      ledger.add({ type: 'PartyUnmerged', data: { partyId: 'p-2', survivorPartyId: 'p-1', reason: 'not the same person' } });
      await given(...ledger.events).thenMatching(P, [
        { id: 'p-1', relationships: [], mergedFrom: [], linkedPartyIds: ['p-2'] },
        { id: 'p-2', relationships: [], status: 'active', mergedInto: null, linkedPartyIds: ['p-1'] },
      ]);
    });
  });

  describe('departments that see the party', () => {
    it('grow with contacts and letters of other departments, and not with amendments or assignments moving them', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      ledger.add(interactionRecorded('i-1', ['p-1'], { department: 'benefits' }));
      ledger.add({ type: 'InteractionAmended', data: { interactionId: 'i-1', partyIds: ['p-1'], changes: { department: 'parking' }, previous: { department: 'benefits' }, reason: 'wrong desk' } });
      ledger.add(correspondenceReceived('c-1', ['p-1'], { department: 'council-tax' }));
      ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-1', partyIds: ['p-1'], assigneeId: 'staff-9', department: 'libraries' } });
      await given(...ledger.events).thenDocument(P, 'p-1', { departments: ['benefits', 'council-tax', 'housing'], registeredBy: 'housing', revision: 0 });
    });

    it('grow with a break-glass grant, which the access grants list for review', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      ledger.add({ type: 'PartyAccessGranted', data: { partyId: 'p-1', grantId: 'g-1', department: 'social-care', reason: 'safeguarding visit', basis: 'break-glass' } }, { actor: 'staff-4' });
      const events = given(...ledger.events);
      await events.thenDocument(P, 'p-1', { departments: ['housing', 'social-care'], accessGrants: [{ grantId: 'g-1', department: 'social-care', since: at(2) }], revision: 1 });
      await events.thenDocuments(G, [{
        id: 'g-1', partyId: 'p-1', department: 'social-care', reason: 'safeguarding visit', grantedBy: 'staff-4', grantedAt: at(2), status: 'active', position: 2,
      }]);
    });

    it('shrink when the grant is revoked, unless the department registered the party or holds another grant', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      const grant = (grantId: string, department: string): PartyEvent =>
        ({ type: 'PartyAccessGranted', data: { partyId: 'p-1', grantId, department, reason: 'urgent', basis: 'break-glass' } });
      const revoke = (grantId: string, department: string): PartyEvent =>
        ({ type: 'PartyAccessRevoked', data: { partyId: 'p-1', grantId, department, reason: 'case closed' } });
      ledger.add(grant('g-1', 'social-care'));
      ledger.add(grant('g-2', 'social-care'));
      ledger.add(grant('g-3', 'housing'));
      ledger.add(grant('g-4', 'benefits'));
      ledger.add(revoke('g-1', 'social-care'), { actor: 'privacy-1' });
      ledger.add(revoke('g-3', 'housing'));
      ledger.add(revoke('g-4', 'benefits'));
      const events = given(...ledger.events);
      await events.thenDocument(P, 'p-1', { departments: ['housing', 'social-care'], accessGrants: [{ grantId: 'g-2', department: 'social-care', since: at(3) }] });
      await events.thenMatching(G, [
        { id: 'g-1', status: 'revoked', revokedBy: 'privacy-1', revokedAt: at(6), revocationReason: 'case closed', reason: 'urgent', position: 6 },
        { id: 'g-2', status: 'active', position: 3 },
        { id: 'g-3', status: 'revoked', position: 7 },
        { id: 'g-4', status: 'revoked', position: 8 },
      ]);
    });
  });

  describe('contacts and open correspondence', () => {
    it('counts contacts per channel and keeps the latest by business time as the last contact', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron'));
      ledger.add(registered('p-2', 'Anne Byron'));
      ledger.add(interactionRecorded('i-1', ['p-1', 'p-2'], { channel: 'phone', occurredAt: '2024-02-03T10:00:00.000Z' }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { channel: 'email', occurredAt: '2024-02-01T10:00:00.000Z' }));
      ledger.add(interactionRecorded('i-3', ['p-1'], { channel: 'phone', occurredAt: '2024-02-02T10:00:00.000Z' }));
      await given(...ledger.events).thenMatching(P, [
        { id: 'p-1', contactCells: [['housing', 'normal', [2, 1], '2024-02-03T10:00:00.000Z', 'phone', 'i-1']], revision: 0, updatedAt: at(5) },
        { id: 'p-2', contactCells: [['housing', 'normal', [1], '2024-02-03T10:00:00.000Z', 'phone', 'i-1']] },
      ]);
      const store = await project(ledger.events);
      expect(sumContactCells(cellsOf((await store.get<PartyView>(P, 'p-1')) as PartyView))).toEqual({
        interactionCounts: { phone: 2, email: 1 }, lastContact: { at: '2024-02-03T10:00:00.000Z', channel: 'phone', interactionId: 'i-1' },
      });
    });

    it('lists open correspondence by due date with its current status and department, and drops it once closed', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      ledger.add(correspondenceReceived('c-late', ['p-1'], { subject: 'Repairs', dueAt: '2024-03-30T00:00:00.000Z' }));
      ledger.add(correspondenceReceived('c-soon', ['p-1'], { subject: 'Rent', dueAt: '2024-03-10T00:00:00.000Z' }));
      ledger.add(correspondenceReceived('c-done', ['p-1'], { subject: 'Noise', dueAt: '2024-03-01T00:00:00.000Z' }));
      ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-late', partyIds: ['p-1'], assigneeId: 'staff-2', department: 'repairs' } });
      ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: 'c-done', partyIds: ['p-1'], resolution: 'resolved' } });
      await given(...ledger.events).thenDocument(P, 'p-1', { openCorrespondence: [
        { id: 'c-soon', subject: 'Rent', status: 'received', dueAt: '2024-03-10T00:00:00.000Z', department: 'housing', receivedAt: '2024-02-02T09:00:00.000Z' },
        { id: 'c-late', subject: 'Repairs', status: 'assigned', dueAt: '2024-03-30T00:00:00.000Z', department: 'repairs', receivedAt: '2024-02-02T09:00:00.000Z' },
      ] });
    });

    it('lists reopened correspondence again, with its new due date', async () => {
      const ledger = new SpecLedger();
      ledger.add(registered('p-1', 'Ada Byron', 'housing'));
      ledger.add(correspondenceReceived('c-1', ['p-1']));
      ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: 'c-1', partyIds: ['p-1'], resolution: 'resolved' } });
      ledger.add({ type: 'CorrespondenceReopened', data: { correspondenceId: 'c-1', partyIds: ['p-1'], reason: 'came back', dueAt: '2024-04-01T00:00:00.000Z' } });
      await given(...ledger.events).thenDocument(P, 'p-1', { openCorrespondence: [
        { id: 'c-1', subject: 'Rent arrears', status: 'received', dueAt: '2024-04-01T00:00:00.000Z', department: 'housing', receivedAt: '2024-02-02T09:00:00.000Z' },
      ] });
    });
  });

  it('ignores events about parties it never saw registered', async () => {
    const ledger = new SpecLedger();
    ledger.add({ type: 'PartyNameChanged', data: { partyId: 'p-x', name: { full: 'Nobody' } } });
    ledger.add(interactionRecorded('i-1', ['p-x']));
    await given(...ledger.events).thenDocuments(P, []);
  });
});
