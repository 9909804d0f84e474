import { COLLECTIONS } from '../views';
import { correspondenceReceived, given, interactionRecorded, SpecLedger } from './projection.spec-kit';

const T = COLLECTIONS.timeline;
const at = SpecLedger.timeOf;

function withParty(): SpecLedger {
  const ledger = new SpecLedger();
  ledger.add({ type: 'PartyRegistered', data: { partyId: 'p-1', kind: 'person', name: { full: 'Ada Byron' }, department: 'housing' } });
  return ledger;
}

describe('timeline projection', () => {
  describe('profile changes', () => {
    it('are entries every department that sees the party may read, without the personal values', async () => {
      const ledger = withParty();
      ledger.add({ type: 'ContactPointAdded', data: { partyId: 'p-1', contactPointId: 'cp-1', kind: 'email', value: 'ada@example.org', verified: true } });
      ledger.add({ type: 'PartyAccessGranted', data: { partyId: 'p-1', grantId: 'g-1', department: 'social-care', reason: 'visit', basis: 'break-glass' } });
      const [registered, contact, grant] = ledger.events;
      await given(...ledger.events).thenDocuments(T, [
        {
          id: `p-1:${registered.id}`, partyId: 'p-1', eventId: registered.id, position: 1, streamId: 'party-p-1', refId: 'p-1', kind: 'profile', type: 'PartyRegistered',
          occurredAt: at(1), recordedAt: at(1), actor: 'staff-1', topics: [], confidentiality: 'normal', title: 'Registered', details: {}, audience: '*',
        },
        {
          id: `p-1:${contact.id}`, partyId: 'p-1', eventId: contact.id, position: 2, streamId: 'party-p-1', refId: 'p-1', kind: 'profile', type: 'ContactPointAdded',
          occurredAt: at(2), recordedAt: at(2), actor: 'staff-1', topics: [], confidentiality: 'normal', title: 'Contact point added (email)', details: { kind: 'email' }, audience: '*',
        },
        {
          id: `p-1:${grant.id}`, partyId: 'p-1', eventId: grant.id, position: 3, streamId: 'party-p-1', refId: 'p-1', kind: 'profile', type: 'PartyAccessGranted',
          occurredAt: at(3), recordedAt: at(3), actor: 'staff-1', topics: [], confidentiality: 'normal',
          title: 'Access granted to another department (break glass)', details: { department: 'social-care' }, audience: '*',
        },
      ]);
    });
  });

  describe('interactions', () => {
    it('give one entry per party, readable by the recording department, at the business time', async () => {
      const ledger = withParty();
      const recorded = ledger.add(interactionRecorded('i-1', ['p-1', 'p-2'], {
        department: 'benefits', occurredAt: '2024-02-01T10:00:00.000Z', outcome: 'referred', satisfaction: 4, staffId: 'staff-3', confidentiality: 'sensitive',
      }));
      const entry = (partyId: string) => ({
        id: `${partyId}:${recorded.id}`, partyId, eventId: recorded.id, position: 2, streamId: 'interaction-i-1', refId: 'i-1', kind: 'interaction', type: 'InteractionRecorded',
        occurredAt: '2024-02-01T10:00:00.000Z', recordedAt: at(2), actor: 'staff-1', channel: 'phone', direction: 'inbound', department: 'benefits', audience: 'benefits',
        topics: ['repairs'], title: 'phone (inbound)', summary: 'Boiler broken', confidentiality: 'sensitive',
        details: { outcome: 'referred', satisfaction: 4, staffId: 'staff-3' },
      });
      await given(...ledger.events).thenMatching(T, [{ kind: 'profile' }, entry('p-1'), entry('p-2')]);
    });

    it('show the current facts on the original entry after an amendment, which has its own entry with the earlier values', async () => {
      const ledger = withParty();
      const recorded = ledger.add(interactionRecorded('i-1', ['p-1'], { summary: 'Boiler broken', topics: ['repairs'] }));
      const amended = ledger.add({ type: 'InteractionAmended', data: {
        interactionId: 'i-1', partyIds: ['p-1'], reason: 'typo', changes: { summary: 'Boiler leaking', topics: ['repairs', 'heating'] }, previous: { summary: 'Boiler broken', topics: ['repairs'] },
      } });
      const events = given(...ledger.events);
      await events.thenDocument(T, `p-1:${recorded.id}`, { summary: 'Boiler leaking', topics: ['repairs', 'heating'], amended: true });
      await events.thenDocument(T, `p-1:${amended.id}`, {
        refId: 'i-1', kind: 'interaction', type: 'InteractionAmended', title: 'Interaction Amended', department: 'housing', audience: 'housing', topics: ['repairs', 'heating'],
        details: { reason: 'typo', changes: { summary: 'Boiler leaking', topics: ['repairs', 'heating'] }, previous: { summary: 'Boiler broken', topics: ['repairs'] } },
      });
    });

    it('all follow the interaction to the department it is amended to, and the confidentiality it is set to', async () => {
      const ledger = withParty();
      ledger.add(interactionRecorded('i-1', ['p-1'], { department: 'housing' }));
      ledger.add({ type: 'InteractionLinkedToCorrespondence', data: { interactionId: 'i-1', partyIds: ['p-1'], correspondenceId: 'c-9' } });
      ledger.add({ type: 'InteractionAmended', data: { interactionId: 'i-1', partyIds: ['p-1'], reason: 'wrong desk', changes: { department: 'benefits' }, previous: { department: 'housing' } } });
      ledger.add({ type: 'InteractionConfidentialitySet', data: { interactionId: 'i-1', partyIds: ['p-1'], level: 'restricted', reason: 'safeguarding' } });
      const rights = { refId: 'i-1', department: 'benefits', audience: 'benefits', confidentiality: 'restricted' };
      await given(...ledger.events).thenMatching(T, [
        { kind: 'profile', audience: '*', confidentiality: 'normal' },
        { type: 'InteractionRecorded', ...rights },
        { type: 'InteractionLinkedToCorrespondence', title: 'Interaction LinkedToCorrespondence', details: { correspondenceId: 'c-9' }, ...rights },
        { type: 'InteractionAmended', ...rights },
        { type: 'InteractionConfidentialitySet', details: { level: 'restricted' }, ...rights },
      ]);
    });

    it('leave other interactions of the party where they are', async () => {
      const ledger = withParty();
      ledger.add(interactionRecorded('i-1', ['p-1'], { department: 'housing' }));
      ledger.add(interactionRecorded('i-2', ['p-1'], { department: 'housing' }));
      ledger.add({ type: 'InteractionConfidentialitySet', data: { interactionId: 'i-1', partyIds: ['p-1'], level: 'restricted' } });
      await given(...ledger.events).thenMatching(T, [
        { kind: 'profile' },
        { refId: 'i-1', confidentiality: 'restricted' },
        { refId: 'i-2', confidentiality: 'normal' },
        { refId: 'i-1', confidentiality: 'restricted' },
      ]);
    });
  });

  describe('correspondence', () => {
    it('gives an entry per step with the status as of that step', async () => {
      const ledger = withParty();
      ledger.add(correspondenceReceived('c-1', ['p-1'], { subject: 'Rent arrears', channel: 'email' }));
      ledger.add({ type: 'CorrespondenceAcknowledged', data: { correspondenceId: 'c-1', partyIds: ['p-1'] } });
      ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: 'c-1', partyIds: ['p-1'], resolution: 'paid' } });
      const common = { kind: 'correspondence', refId: 'c-1', streamId: 'correspondence-c-1', channel: 'email', summary: 'Rent arrears', department: 'housing', audience: 'housing' };
      await given(...ledger.events).thenMatching(T, [
        { kind: 'profile' },
        { ...common, title: 'Correspondence received', details: { status: 'received', dueAt: '2024-02-22T09:00:00.000Z' } },
        { ...common, title: 'Correspondence acknowledged', details: { status: 'acknowledged' } },
        { ...common, title: 'Correspondence closed', details: { status: 'closed' } },
      ]);
    });

    it('all move to the department the item is assigned to', async () => {
      const ledger = withParty();
      ledger.add(correspondenceReceived('c-1', ['p-1'], { department: 'housing' }));
      ledger.add({ type: 'CorrespondenceAcknowledged', data: { correspondenceId: 'c-1', partyIds: ['p-1'] } });
      ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-1', partyIds: ['p-1'], assigneeId: 'staff-8', department: 'repairs' } });
      const moved = { refId: 'c-1', department: 'repairs', audience: 'repairs' };
      await given(...ledger.events).thenMatching(T, [
        { kind: 'profile' },
        { title: 'Correspondence received', ...moved },
        { title: 'Correspondence acknowledged', ...moved },
        { title: 'Correspondence assigned', details: { status: 'assigned' }, ...moved },
      ]);
    });
  });
});
