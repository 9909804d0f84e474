import { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { isInFuture } from '../shared/time';
import { checkCorrespondenceCommand } from './correspondence.command-checks';
import * as C from './correspondence.commands';
import { CorrespondenceEvent, CorrespondenceStatus } from './correspondence.events';

export type CorrespondenceState =
  | { readonly status: 'unknown' }
  | { readonly status: CorrespondenceStatus; readonly correspondenceId: string; readonly partyIds: readonly string[]; readonly assigneeId: string | null; readonly receivedAt: string; readonly department: string };

type Known = Exclude<CorrespondenceState, { status: 'unknown' }>;
type Decision = CorrespondenceEvent[];

export const initialCorrespondenceState = (): CorrespondenceState => ({ status: 'unknown' });

function known(state: CorrespondenceState): Known {
  if (state.status === 'unknown') throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
  return state;
}

function open(state: CorrespondenceState): Known {
  const current = known(state);
  if (current.status === 'closed') throw new DomainError('CORRESPONDENCE.CLOSED', 'The correspondence is closed; reopen it first.');
  return current;
}

function refs(current: Known) {
  return { correspondenceId: current.correspondenceId, partyIds: current.partyIds };
}

function receive(cmd: C.ReceiveCorrespondence, state: CorrespondenceState): Decision {
  if (state.status !== 'unknown') throw new DomainError('CORRESPONDENCE.ALREADY_RECEIVED', 'Correspondence with this id is already registered.');
  const { knownPartyIds, attachments, ...data } = cmd.data;
  const unknown = data.partyIds.filter((id) => !knownPartyIds.includes(id));
  if (unknown.length > 0) throw new DomainError('CORRESPONDENCE.UNKNOWN_PARTY', `Unknown or erased party: ${unknown.join(', ')}.`);
  if (isInFuture(data.receivedAt, cmd.metadata.now)) throw new DomainError('CORRESPONDENCE.RECEIVED_IN_FUTURE', 'receivedAt lies in the future.');
  if (Date.parse(data.dueAt) < Date.parse(data.receivedAt)) throw new DomainError('CORRESPONDENCE.DUE_BEFORE_RECEIVED', 'dueAt must not precede receivedAt.');
  return [{ type: 'CorrespondenceReceived', data: { ...data, attachments: attachments ?? [] } }];
}

function acknowledge(cmd: C.AcknowledgeCorrespondence, state: CorrespondenceState): Decision {
  const current = open(state);
  if (current.status !== 'received') {
    throw new DomainError('CORRESPONDENCE.INVALID_TRANSITION', `Only received correspondence can be acknowledged (it is ${current.status}).`);
  }
  return [{ type: 'CorrespondenceAcknowledged', data: { ...refs(current), note: cmd.data.note } }];
}

function assign(cmd: C.AssignCorrespondence, state: CorrespondenceState): Decision {
  const current = open(state);
  if (current.status === 'responded') {
    throw new DomainError('CORRESPONDENCE.INVALID_TRANSITION', 'Responded correspondence is closed or reopened, not reassigned.');
  }
  const { department } = cmd.data;
  // A department moves the item (the read models follow it).
  return [{ type: 'CorrespondenceAssigned', data: { ...refs(current), assigneeId: cmd.data.assigneeId, ...(department ? { department } : {}) } }];
}

function respond(cmd: C.RespondToCorrespondence, state: CorrespondenceState): Decision {
  const current = open(state);
  if (current.status !== 'assigned') throw new DomainError('CORRESPONDENCE.NOT_ASSIGNED', 'Correspondence must be assigned before it is responded to.');
  return [{ type: 'CorrespondenceResponded', data: { ...refs(current), summary: cmd.data.summary, channel: cmd.data.channel, attachments: cmd.data.attachments ?? [] } }];
}

function close(cmd: C.CloseCorrespondence, state: CorrespondenceState): Decision {
  const current = open(state);
  return [{ type: 'CorrespondenceClosed', data: { ...refs(current), resolution: cmd.data.resolution } }];
}

function reopen(cmd: C.ReopenCorrespondence, state: CorrespondenceState): Decision {
  const current = known(state);
  if (current.status !== 'closed') throw new DomainError('CORRESPONDENCE.INVALID_TRANSITION', `Only closed correspondence can be reopened (it is ${current.status}).`);
  return [{ type: 'CorrespondenceReopened', data: { ...refs(current), reason: cmd.data.reason, dueAt: cmd.data.dueAt } }];
}

export function decideCorrespondence(command: C.CorrespondenceCommand, state: CorrespondenceState): Decision {
  checkCorrespondenceCommand(command);
  switch (command.type) {
    case 'ReceiveCorrespondence': return receive(command, state);
    case 'AcknowledgeCorrespondence': return acknowledge(command, state);
    case 'AssignCorrespondence': return assign(command, state);
    case 'RespondToCorrespondence': return respond(command, state);
    case 'CloseCorrespondence': return close(command, state);
    case 'ReopenCorrespondence': return reopen(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export function evolveCorrespondence(state: CorrespondenceState, event: CorrespondenceEvent): CorrespondenceState {
  if (event.type === 'CorrespondenceReceived') {
    const d = event.data;
    return { status: 'received', correspondenceId: d.correspondenceId, partyIds: d.partyIds, assigneeId: null, receivedAt: d.receivedAt, department: d.department };
  }
  if (state.status === 'unknown') return state;
  switch (event.type) {
    case 'CorrespondenceAcknowledged': return { ...state, status: 'acknowledged' };
    case 'CorrespondenceAssigned': return { ...state, status: 'assigned', assigneeId: event.data.assigneeId, department: event.data.department ?? state.department };
    case 'CorrespondenceResponded': return { ...state, status: 'responded' };
    case 'CorrespondenceClosed': return { ...state, status: 'closed' };
    /** A reopened case goes back to its assignee, or to the queue when it never had one. */
    case 'CorrespondenceReopened': return { ...state, status: state.assigneeId ? 'assigned' : 'received' };
    default: return state;
  }
}

export const correspondenceDecider: Decider<C.CorrespondenceCommand, CorrespondenceEvent, CorrespondenceState> = {
  decide: decideCorrespondence,
  evolve: evolveCorrespondence,
  initialState: initialCorrespondenceState,
};
