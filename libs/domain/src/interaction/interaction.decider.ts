import { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { isInFuture } from '../shared/time';
import { checkInteractionCommand } from './interaction.command-checks';
import * as C from './interaction.commands';
import { AMENDABLE_FIELDS, Confidentiality, InteractionChanges, InteractionDetails, InteractionEvent } from './interaction.events';

export type InteractionState =
  | { readonly status: 'unknown' }
  | { readonly status: 'recorded'; readonly interactionId: string; readonly details: InteractionDetails; readonly confidentiality: Confidentiality; readonly correspondenceIds: readonly string[] };

type Recorded = Extract<InteractionState, { status: 'recorded' }>;
type Decision = InteractionEvent[];

export const initialInteractionState = (): InteractionState => ({ status: 'unknown' });

function recorded(state: InteractionState): Recorded {
  if (state.status === 'unknown') throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
  return state;
}

function record(cmd: C.RecordInteraction, state: InteractionState): Decision {
  if (state.status !== 'unknown') throw new DomainError('INTERACTION.ALREADY_RECORDED', 'An interaction with this id is already recorded.');
  const { knownPartyIds, confidentiality, ...details } = cmd.data;
  if (isInFuture(details.occurredAt, cmd.metadata.now)) {
    throw new DomainError('INTERACTION.OCCURRED_IN_FUTURE', 'occurredAt lies in the future beyond the tolerated clock skew.');
  }
  const unknown = details.partyIds.filter((id) => !knownPartyIds.includes(id));
  if (unknown.length > 0) throw new DomainError('INTERACTION.UNKNOWN_PARTY', `Unknown or erased party: ${unknown.join(', ')}.`);
  return [{ type: 'InteractionRecorded', data: { ...details, confidentiality: confidentiality ?? 'normal' } }];
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function amend(cmd: C.AmendInteraction, state: InteractionState): Decision {
  const current = recorded(state);
  const changes: Record<string, unknown> = {};
  const previous: Record<string, unknown> = {};
  for (const field of AMENDABLE_FIELDS) {
    const next = cmd.data.changes[field];
    if (next === undefined || sameValue(next, current.details[field])) continue;
    changes[field] = next;
    previous[field] = current.details[field] ?? null;
  }
  if (Object.keys(changes).length === 0) throw new DomainError('INTERACTION.NO_CHANGES', 'The amendment changes nothing.');
  if (typeof changes.occurredAt === 'string' && isInFuture(changes.occurredAt, cmd.metadata.now)) {
    throw new DomainError('INTERACTION.OCCURRED_IN_FUTURE', 'occurredAt lies in the future beyond the tolerated clock skew.');
  }
  return [{
    type: 'InteractionAmended',
    data: { interactionId: current.interactionId, partyIds: current.details.partyIds, changes: changes as InteractionChanges, previous: previous as InteractionChanges, reason: cmd.data.reason },
  }];
}

function link(cmd: C.LinkInteractionToCorrespondence, state: InteractionState): Decision {
  const current = recorded(state);
  if (!cmd.data.correspondenceKnown) throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
  if (current.correspondenceIds.includes(cmd.data.correspondenceId)) throw new DomainError('INTERACTION.ALREADY_LINKED', 'The interaction is already linked to this correspondence.');
  return [{ type: 'InteractionLinkedToCorrespondence', data: { interactionId: current.interactionId, partyIds: current.details.partyIds, correspondenceId: cmd.data.correspondenceId } }];
}

function setConfidentiality(cmd: C.SetInteractionConfidentiality, state: InteractionState): Decision {
  const current = recorded(state);
  if (current.confidentiality === cmd.data.level) throw new DomainError('INTERACTION.CONFIDENTIALITY_UNCHANGED', `The interaction is already ${cmd.data.level}.`);
  return [{ type: 'InteractionConfidentialitySet', data: { interactionId: current.interactionId, partyIds: current.details.partyIds, level: cmd.data.level, reason: cmd.data.reason } }];
}

export function decideInteraction(command: C.InteractionCommand, state: InteractionState): Decision {
  checkInteractionCommand(command);
  switch (command.type) {
    case 'RecordInteraction': return record(command, state);
    case 'AmendInteraction': return amend(command, state);
    case 'LinkInteractionToCorrespondence': return link(command, state);
    case 'SetInteractionConfidentiality': return setConfidentiality(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export function evolveInteraction(state: InteractionState, event: InteractionEvent): InteractionState {
  switch (event.type) {
    case 'InteractionRecorded': {
      const { interactionId, confidentiality, ...details } = event.data;
      return { status: 'recorded', interactionId, details, confidentiality, correspondenceIds: [] };
    }
    case 'InteractionAmended':
      return state.status === 'recorded' ? { ...state, details: { ...state.details, ...event.data.changes } } : state;
    case 'InteractionLinkedToCorrespondence':
      return state.status === 'recorded' ? { ...state, correspondenceIds: [...state.correspondenceIds, event.data.correspondenceId] } : state;
    case 'InteractionConfidentialitySet':
      return state.status === 'recorded' ? { ...state, confidentiality: event.data.level } : state;
    default:
      return state;
  }
}

export const interactionDecider: Decider<C.InteractionCommand, InteractionEvent, InteractionState> = {
  decide: decideInteraction,
  evolve: evolveInteraction,
  initialState: initialInteractionState,
};
