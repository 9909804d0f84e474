import { deciderSpec, meta } from '../shared/decider.spec-kit';
import { CorrespondenceCommand, ReceiveCorrespondence } from './correspondence.commands';
import { correspondenceDecider } from './correspondence.decider';
import { CorrespondenceEvent } from './correspondence.events';

const spec = deciderSpec(correspondenceDecider);
const correspondenceId = 'c-1';
const refs = { correspondenceId, partyIds: ['p-1'] };
const received: CorrespondenceEvent = { type: 'CorrespondenceReceived', data: {
  correspondenceId, partyIds: ['p-1'], channel: 'letter', subject: 'Complaint about bin collection',
  receivedAt: '2024-05-30T09:00:00.000Z', dueAt: '2024-06-20T17:00:00.000Z', department: 'waste', attachments: [] } };
const acknowledged: CorrespondenceEvent = { type: 'CorrespondenceAcknowledged', data: { ...refs } };
const assigned: CorrespondenceEvent = { type: 'CorrespondenceAssigned', data: { ...refs, assigneeId: 'staff-9' } };
const responded: CorrespondenceEvent = { type: 'CorrespondenceResponded', data: { ...refs, summary: 'Apologised', channel: 'letter', attachments: [] } };
const closed: CorrespondenceEvent = { type: 'CorrespondenceClosed', data: { ...refs, resolution: 'resolved' } };
const step = (type: CorrespondenceCommand['type'], data: Record<string, unknown> = {}) => ({ type, metadata: meta, data: { correspondenceId, ...data } }) as CorrespondenceCommand;
const receive = (over: Partial<ReceiveCorrespondence['data']> = {}): ReceiveCorrespondence => ({
  type: 'ReceiveCorrespondence', metadata: meta,
  data: { ...(received.data as ReceiveCorrespondence['data']), knownPartyIds: ['p-1'], ...over },
});

describe('correspondence decider', () => {
  describe('when unknown', () => {
    it('receives correspondence', () => spec([]).when(receive()).then([received]));
    it('rejects unknown parties, future receipt and a due date before receipt', () => {
      spec([]).when(receive({ knownPartyIds: [] })).thenFails('CORRESPONDENCE.UNKNOWN_PARTY');
      spec([]).when(receive({ receivedAt: '2025-01-01T00:00:00.000Z', dueAt: '2025-02-01T00:00:00.000Z' })).thenFails('CORRESPONDENCE.RECEIVED_IN_FUTURE');
      spec([]).when(receive({ dueAt: '2024-05-01T00:00:00.000Z' })).thenFails('CORRESPONDENCE.DUE_BEFORE_RECEIVED');
    });
    it('has no lifecycle steps', () => spec([]).when(step('AcknowledgeCorrespondence')).thenFails('CORRESPONDENCE.NOT_FOUND'));
  });

  describe('lifecycle', () => {
    it('walks received → acknowledged → assigned → responded → closed', () => {
      spec([received]).when(step('AcknowledgeCorrespondence')).then([{ type: 'CorrespondenceAcknowledged', data: { ...refs, note: undefined } }]);
      spec([received, acknowledged]).when(step('AssignCorrespondence', { assigneeId: 'staff-9' })).then([{ ...assigned, data: { ...assigned.data, department: undefined } }]);
      spec([received, acknowledged, assigned]).when(step('RespondToCorrespondence', { summary: 'Apologised', channel: 'letter' })).then([responded]);
      spec([received, acknowledged, assigned, responded]).when(step('CloseCorrespondence', { resolution: 'resolved' })).then([closed]);
    });

    it('refuses to acknowledge twice or to respond before assignment', () => {
      spec([received, acknowledged]).when(step('AcknowledgeCorrespondence')).thenFails('CORRESPONDENCE.INVALID_TRANSITION');
      spec([received, acknowledged]).when(step('RespondToCorrespondence', { summary: 's', channel: 'email' })).thenFails('CORRESPONDENCE.NOT_ASSIGNED');
    });

    it('refuses to respond to, assign or close closed correspondence', () => {
      const history = [received, acknowledged, assigned, responded, closed];
      spec(history).when(step('RespondToCorrespondence', { summary: 's', channel: 'email' })).thenFails('CORRESPONDENCE.CLOSED');
      spec(history).when(step('AssignCorrespondence', { assigneeId: 'x' })).thenFails('CORRESPONDENCE.CLOSED');
      spec(history).when(step('CloseCorrespondence', { resolution: 'again' })).thenFails('CORRESPONDENCE.CLOSED');
    });

    it('reopens only closed correspondence, back to its assignee', () => {
      const history = [received, acknowledged, assigned, responded, closed];
      const reopened: CorrespondenceEvent = { type: 'CorrespondenceReopened', data: { ...refs, reason: 'citizen replied', dueAt: undefined } };
      spec(history).when(step('ReopenCorrespondence', { reason: 'citizen replied' })).then([reopened]);
      spec([received]).when(step('ReopenCorrespondence', { reason: 'x' })).thenFails('CORRESPONDENCE.INVALID_TRANSITION');
      spec([...history, reopened]).when(step('RespondToCorrespondence', { summary: 'Follow-up', channel: 'email' }))
        .then([{ type: 'CorrespondenceResponded', data: { ...refs, summary: 'Follow-up', channel: 'email', attachments: [] } }]);
    });
  });
});

describe('correspondence decider: incomplete commands (whatever the transport let through)', () => {
  it('refuses a receipt without subject or parties, and steps without what they record', () => {
    spec([]).when(receive({ subject: '  ' })).thenFails('COMMAND.INCOMPLETE');
    spec([]).when(receive({ partyIds: [] })).thenFails('COMMAND.INCOMPLETE');
    spec([received]).when(step('AssignCorrespondence', {})).thenFails('COMMAND.INCOMPLETE');
    spec([received, assigned]).when(step('CloseCorrespondence', { resolution: null })).thenFails('COMMAND.INCOMPLETE');
  });

  it('moves the item when assigned to a department', () =>
    spec([received]).when(step('AssignCorrespondence', { assigneeId: 'staff-9', department: 'housing' }))
      .then([{ type: 'CorrespondenceAssigned', data: { ...refs, assigneeId: 'staff-9', department: 'housing' } }]));
});
