import { Decider } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { checkPartyCommand } from './party.command-checks';
import * as C from './party.commands';
import { PartyEvent } from './party.events';
import { ActiveParty, consentKey, evolveParty, identifierKey, initialPartyState, partyDepartments, PartyState } from './party.state';

type Decision = PartyEvent[];

/** Party must exist and not be erased for any change. */
function active(state: PartyState): ActiveParty {
  if (state.status === 'unknown') throw new DomainError('PARTY.NOT_FOUND', 'The party does not exist.');
  if (state.status === 'erased') throw new DomainError('PARTY.ERASED', 'The party has been erased; its record can no longer change.');
  return state;
}

function sameValueExists(party: ActiveParty, kind: string, value: string): boolean {
  return Object.values(party.contactPoints).some((cp) => cp.kind === kind && cp.value === value);
}

function register(cmd: C.RegisterParty, state: PartyState): Decision {
  if (state.status !== 'unknown') throw new DomainError('PARTY.ALREADY_REGISTERED', 'A party with this id is already registered.');
  const d = cmd.data;
  const events: PartyEvent[] = [{
    type: 'PartyRegistered',
    data: { partyId: d.partyId, kind: d.kind, name: d.name, birthDate: d.birthDate, preferredLanguage: d.preferredLanguage, ...(d.department ? { department: d.department } : {}) },
  }];
  const seen = new Set<string>();
  for (const cp of d.contactPoints ?? []) {
    if (seen.has(`${cp.kind}|${cp.value}`)) throw new DomainError('PARTY.CONTACT_POINT_EXISTS', `The ${cp.kind} contact point is listed twice.`);
    seen.add(`${cp.kind}|${cp.value}`);
    events.push({ type: 'ContactPointAdded', data: { partyId: d.partyId, ...cp } });
  }
  for (const id of d.identifiers ?? []) {
    if (seen.has(identifierKey(id.scheme, id.value))) throw new DomainError('PARTY.IDENTIFIER_EXISTS', `The ${id.scheme} identifier is listed twice.`);
    seen.add(identifierKey(id.scheme, id.value));
    events.push({ type: 'IdentifierAdded', data: { partyId: d.partyId, scheme: id.scheme, value: id.value } });
  }
  return events;
}

function changeName(cmd: C.ChangePartyName, state: PartyState): Decision {
  const party = active(state);
  if (party.nameFull === cmd.data.name.full) throw new DomainError('PARTY.NAME_UNCHANGED', 'The new name equals the current name.');
  return [{ type: 'PartyNameChanged', data: { ...cmd.data } }];
}

function addContactPoint(cmd: C.AddContactPoint, state: PartyState): Decision {
  const party = active(state);
  if (party.contactPoints[cmd.data.contactPointId] || sameValueExists(party, cmd.data.kind, cmd.data.value)) {
    throw new DomainError('PARTY.CONTACT_POINT_EXISTS', `The party already has this ${cmd.data.kind} contact point.`);
  }
  return [{ type: 'ContactPointAdded', data: { ...cmd.data } }];
}

function removeContactPoint(cmd: C.RemoveContactPoint, state: PartyState): Decision {
  const party = active(state);
  if (!party.contactPoints[cmd.data.contactPointId]) throw new DomainError('PARTY.CONTACT_POINT_NOT_FOUND', 'The party has no such contact point.');
  return [{ type: 'ContactPointRemoved', data: { ...cmd.data } }];
}

function addIdentifier(cmd: C.AddIdentifier, state: PartyState): Decision {
  const party = active(state);
  if (party.identifiers.includes(identifierKey(cmd.data.scheme, cmd.data.value))) {
    throw new DomainError('PARTY.IDENTIFIER_EXISTS', `The party already has this ${cmd.data.scheme} identifier.`);
  }
  return [{ type: 'IdentifierAdded', data: { ...cmd.data } }];
}

function giveConsent(cmd: C.GiveConsent, state: PartyState): Decision {
  const party = active(state);
  if (party.consents.includes(consentKey(cmd.data.purpose, cmd.data.channel))) {
    throw new DomainError('PARTY.CONSENT_ALREADY_GIVEN', 'Consent for this purpose and channel is already given.');
  }
  return [{ type: 'ConsentGiven', data: { ...cmd.data } }];
}

function withdrawConsent(cmd: C.WithdrawConsent, state: PartyState): Decision {
  const party = active(state);
  // Withdrawing one channel of a consent given for any channel narrows it.
  const inForce = [cmd.data.channel, 'any'].some((channel) => party.consents.includes(consentKey(cmd.data.purpose, channel)));
  if (!inForce) {
    throw new DomainError('PARTY.CONSENT_NOT_GIVEN', 'No consent for this purpose and channel is in force.');
  }
  return [{ type: 'ConsentWithdrawn', data: { ...cmd.data } }];
}

function linkRelationship(cmd: C.LinkRelationship, state: PartyState): Decision {
  const party = active(state);
  const { toPartyKnown, ...data } = cmd.data;
  if (data.toPartyId === party.partyId) throw new DomainError('PARTY.RELATIONSHIP_SELF', 'A party cannot be related to itself.');
  if (!toPartyKnown) throw new DomainError('PARTY.NOT_FOUND', 'The related party does not exist.');
  const duplicate = Object.values(party.relationships).some((r) => r.kind === data.kind && r.toPartyId === data.toPartyId);
  if (duplicate || party.relationships[data.relationshipId]) throw new DomainError('PARTY.RELATIONSHIP_EXISTS', 'This relationship is already linked.');
  return [{ type: 'RelationshipLinked', data }];
}

function unlinkRelationship(cmd: C.UnlinkRelationship, state: PartyState): Decision {
  const party = active(state);
  const rel = party.relationships[cmd.data.relationshipId];
  if (!rel) throw new DomainError('PARTY.RELATIONSHIP_NOT_FOUND', 'The party has no such relationship.');
  return [{ type: 'RelationshipUnlinked', data: { ...cmd.data, toPartyId: rel.toPartyId } }];
}

function merge(cmd: C.MergeParty, state: PartyState): Decision {
  const party = active(state);
  if (cmd.data.survivorPartyId === party.partyId) throw new DomainError('PARTY.MERGE_SELF', 'A party cannot be merged into itself.');
  if (!cmd.data.survivorKnown) throw new DomainError('PARTY.NOT_FOUND', 'The surviving party does not exist or is itself merged.');
  if (party.mergedInto) throw new DomainError('PARTY.MERGED', 'The party is already merged; unmerge it first.');
  return [{ type: 'PartyMerged', data: { partyId: party.partyId, survivorPartyId: cmd.data.survivorPartyId, reason: cmd.data.reason } }];
}

function unmerge(cmd: C.UnmergeParty, state: PartyState): Decision {
  const party = active(state);
  if (!party.mergedInto) throw new DomainError('PARTY.NOT_MERGED', 'The party is not merged.');
  return [{ type: 'PartyUnmerged', data: { partyId: party.partyId, survivorPartyId: party.mergedInto, reason: cmd.data.reason } }];
}

function requestErasure(cmd: C.RequestErasure, state: PartyState): Decision {
  const party = active(state);
  if (party.erasureRequested) throw new DomainError('PARTY.ERASURE_ALREADY_REQUESTED', 'Erasure has already been requested.');
  return [{ type: 'ErasureRequested', data: { ...cmd.data } }];
}

function completeErasure(_cmd: C.CompleteErasure, state: PartyState): Decision {
  const party = active(state);
  if (!party.erasureRequested) throw new DomainError('PARTY.ERASURE_NOT_REQUESTED', 'Erasure must be requested before it is carried out.');
  if (party.legalHolds.length > 0) throw new DomainError('PARTY.LEGAL_HOLD_ACTIVE', 'A legal hold blocks erasure until it is released.');
  return [{ type: 'PartyErased', data: { partyId: party.partyId, legalBasis: party.erasureRequested } }];
}

function placeLegalHold(cmd: C.PlaceLegalHold, state: PartyState): Decision {
  active(state);
  return [{ type: 'LegalHoldPlaced', data: { ...cmd.data } }];
}

function releaseLegalHold(cmd: C.ReleaseLegalHold, state: PartyState): Decision {
  const party = active(state);
  if (!party.legalHolds.includes(cmd.data.holdId)) throw new DomainError('PARTY.LEGAL_HOLD_NOT_FOUND', 'No such legal hold is in force.');
  return [{ type: 'LegalHoldReleased', data: { ...cmd.data } }];
}

function grantAccess(cmd: C.GrantPartyAccess, state: PartyState): Decision {
  const party = active(state);
  // A department that already sees the party gains nothing: no grant is recorded.
  if (partyDepartments(party).includes(cmd.data.department)) return [];
  return [{ type: 'PartyAccessGranted', data: { ...cmd.data, basis: 'break-glass' } }];
}

function revokeAccess(cmd: C.RevokePartyAccess, state: PartyState): Decision {
  const party = active(state);
  const department = party.accessGrants[cmd.data.grantId];
  if (department === undefined) throw new DomainError('PARTY.ACCESS_GRANT_NOT_FOUND', 'No such access grant is in force.');
  return [{ type: 'PartyAccessRevoked', data: { ...cmd.data, department } }];
}

export function decideParty(command: C.PartyCommand, state: PartyState): Decision {
  checkPartyCommand(command);
  switch (command.type) {
    case 'RegisterParty': return register(command, state);
    case 'ChangePartyName': return changeName(command, state);
    case 'AddContactPoint': return addContactPoint(command, state);
    case 'RemoveContactPoint': return removeContactPoint(command, state);
    case 'AddIdentifier': return addIdentifier(command, state);
    case 'GiveConsent': return giveConsent(command, state);
    case 'WithdrawConsent': return withdrawConsent(command, state);
    case 'LinkRelationship': return linkRelationship(command, state);
    case 'UnlinkRelationship': return unlinkRelationship(command, state);
    case 'MergeParty': return merge(command, state);
    case 'UnmergeParty': return unmerge(command, state);
    case 'RequestErasure': return requestErasure(command, state);
    case 'CompleteErasure': return completeErasure(command, state);
    case 'PlaceLegalHold': return placeLegalHold(command, state);
    case 'ReleaseLegalHold': return releaseLegalHold(command, state);
    case 'GrantPartyAccess': return grantAccess(command, state);
    case 'RevokePartyAccess': return revokeAccess(command, state);
    default: {
      const unreachable: never = command;
      return unreachable;
    }
  }
}

export const partyDecider: Decider<C.PartyCommand, PartyEvent, PartyState> = {
  decide: decideParty,
  evolve: evolveParty,
  initialState: initialPartyState,
};
