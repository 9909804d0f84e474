import { COLLECTIONS } from '../views';
import { correspondenceReceived, given, SpecLedger } from './projection.spec-kit';

const C = COLLECTIONS.correspondence;
const at = SpecLedger.timeOf;

describe('correspondence projection', () => {
  it('holds a received item with its first step', async () => {
    const ledger = new SpecLedger();
    ledger.add(correspondenceReceived('c-1', ['p-1', 'p-2'], { reference: 'REF-1', attachments: [{ name: 'letter.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'ab' }] }), { actor: 'clerk-1' });
    await given(...ledger.events).thenDocuments(C, [{
      id: 'c-1', partyIds: ['p-1', 'p-2'], channel: 'letter', subject: 'Rent arrears', reference: 'REF-1', receivedAt: '2024-02-02T09:00:00.000Z', dueAt: '2024-02-22T09:00:00.000Z',
      department: 'housing', attachments: [{ name: 'letter.pdf', mediaType: 'application/pdf', sizeBytes: 10, sha256: 'ab' }], status: 'received', assigneeId: null,
      steps: [{ step: 'received', at: at(1), actor: 'clerk-1', recordedAt: at(1), details: {} }], closedAt: null, revision: 0, updatedAt: at(1),
    }]);
  });

  it('moves through its steps, and assigning to a department moves the item there', async () => {
    const ledger = new SpecLedger();
    ledger.add(correspondenceReceived('c-1', ['p-1']));
    ledger.add({ type: 'CorrespondenceAcknowledged', data: { correspondenceId: 'c-1', partyIds: ['p-1'], note: 'sent receipt' } });
    ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-1', partyIds: ['p-1'], assigneeId: 'staff-5', department: 'repairs' } });
    ledger.add({ type: 'CorrespondenceResponded', data: { correspondenceId: 'c-1', partyIds: ['p-1'], summary: 'Engineer booked', channel: 'email', attachments: [] } });
    ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: 'c-1', partyIds: ['p-1'], resolution: 'fixed' } }, { occurredAt: '2024-02-20T12:00:00.000Z' });
    await given(...ledger.events).thenMatching(C, [{
      id: 'c-1', status: 'closed', assigneeId: 'staff-5', department: 'repairs', closedAt: '2024-02-20T12:00:00.000Z', revision: 4, updatedAt: at(5),
      steps: [
        { step: 'received' },
        { step: 'acknowledged', details: { note: 'sent receipt' } },
        { step: 'assigned', details: { assigneeId: 'staff-5', department: 'repairs' } },
        { step: 'responded', details: { summary: 'Engineer booked', channel: 'email', attachments: [] } },
        { step: 'closed', at: '2024-02-20T12:00:00.000Z', recordedAt: at(5), details: { resolution: 'fixed' } },
      ],
    }]);
  });

  it('keeps the department when assigned to a person only', async () => {
    const ledger = new SpecLedger();
    ledger.add(correspondenceReceived('c-1', ['p-1'], { department: 'housing' }));
    ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-1', partyIds: ['p-1'], assigneeId: 'staff-5' } });
    await given(...ledger.events).thenMatching(C, [{ id: 'c-1', status: 'assigned', department: 'housing', assigneeId: 'staff-5' }]);
  });

  it('reopens to its assignee with a new due date, or to received when never assigned', async () => {
    const ledger = new SpecLedger();
    ledger.add(correspondenceReceived('c-1', ['p-1']));
    ledger.add(correspondenceReceived('c-2', ['p-1']));
    ledger.add({ type: 'CorrespondenceAssigned', data: { correspondenceId: 'c-1', partyIds: ['p-1'], assigneeId: 'staff-5' } });
    for (const id of ['c-1', 'c-2']) {
      ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: id, partyIds: ['p-1'], resolution: 'done' } });
      ledger.add({ type: 'CorrespondenceReopened', data: { correspondenceId: id, partyIds: ['p-1'], reason: 'not done', ...(id === 'c-1' ? { dueAt: '2024-05-01T00:00:00.000Z' } : {}) } });
    }
    await given(...ledger.events).thenMatching(C, [
      { id: 'c-1', status: 'assigned', closedAt: null, dueAt: '2024-05-01T00:00:00.000Z' },
      { id: 'c-2', status: 'received', closedAt: null, dueAt: '2024-02-22T09:00:00.000Z' },
    ]);
  });

  it('ignores steps of items it never saw received', async () => {
    const ledger = new SpecLedger();
    ledger.add({ type: 'CorrespondenceClosed', data: { correspondenceId: 'c-x', partyIds: ['p-1'], resolution: 'done' } });
    await given(...ledger.events).thenDocuments(C, []);
  });
});
