import { COLLECTIONS } from '../views';
import { given, interactionRecorded, SpecLedger } from './projection.spec-kit';

const I = COLLECTIONS.interactions;
const at = SpecLedger.timeOf;

describe('interactions projection', () => {
  it('holds a recorded interaction with who recorded it and when', async () => {
    const ledger = new SpecLedger();
    const recorded = ledger.add(interactionRecorded('i-1', ['p-1'], { program: 'warm-homes', durationSeconds: 300 }), { actor: 'staff-3' });
    await given(...ledger.events).thenDocuments(I, [{
      id: 'i-1', partyIds: ['p-1'], channel: 'phone', direction: 'inbound', occurredAt: '2024-02-01T10:00:00.000Z', department: 'housing', program: 'warm-homes',
      topics: ['repairs'], summary: 'Boiler broken', durationSeconds: 300, confidentiality: 'normal', correspondenceIds: [], amendments: [],
      recordedAt: at(1), recordedBy: 'staff-3', recordedEventId: recorded.id, revision: 0, updatedAt: at(1),
    }]);
  });

  it('applies amendments, keeping each with the values it replaced, links and confidentiality', async () => {
    const ledger = new SpecLedger();
    ledger.add(interactionRecorded('i-1', ['p-1']));
    ledger.add({ type: 'InteractionAmended', data: {
      interactionId: 'i-1', partyIds: ['p-1'], reason: 'wrong desk', changes: { department: 'benefits', summary: 'Boiler leaking' }, previous: { department: 'housing', summary: 'Boiler broken' },
    } }, { actor: 'staff-4', occurredAt: '2024-02-05T08:00:00.000Z' });
    ledger.add({ type: 'InteractionLinkedToCorrespondence', data: { interactionId: 'i-1', partyIds: ['p-1'], correspondenceId: 'c-1' } });
    ledger.add({ type: 'InteractionConfidentialitySet', data: { interactionId: 'i-1', partyIds: ['p-1'], level: 'sensitive' } });
    await given(...ledger.events).thenMatching(I, [{
      id: 'i-1', department: 'benefits', summary: 'Boiler leaking', confidentiality: 'sensitive', correspondenceIds: ['c-1'], revision: 3, updatedAt: at(4), recordedAt: at(1),
      amendments: [{
        at: '2024-02-05T08:00:00.000Z', actor: 'staff-4', reason: 'wrong desk',
        changes: { department: 'benefits', summary: 'Boiler leaking' }, previous: { department: 'housing', summary: 'Boiler broken' },
      }],
    }]);
  });

  it('ignores changes to interactions it never saw recorded', async () => {
    const ledger = new SpecLedger();
    ledger.add({ type: 'InteractionConfidentialitySet', data: { interactionId: 'i-x', partyIds: ['p-1'], level: 'restricted' } });
    await given(...ledger.events).thenDocuments(I, []);
  });
});
