import { checkFields, withIdField, Rules } from '../shared/command-checks';
import { PartyCommand } from './party.commands';

const KINDS = ['person', 'organisation'];
const CONTACT_KINDS = ['email', 'phone', 'postal'];
const NAME: Rules = { full: 'text', given: { optional: 'text' }, family: { optional: 'text' } };
const CONTACT: Rules = { contactPointId: 'text', kind: CONTACT_KINDS, verified: 'flag', label: { optional: 'text' } };
const IDENTIFIER: Rules = { scheme: 'text', value: 'text' };
const POSTAL_ADDRESS: Rules = { lines: 'texts', country: 'text' };
const VALUE: Rules = { value: 'text' };

/** Field rules per party command (beyond partyId, which every one of them needs). */
const RULES: { [K in PartyCommand['type']]: Rules } = {
  RegisterParty: { kind: KINDS, name: 'object', birthDate: { optional: 'text' }, preferredLanguage: { optional: 'text' }, department: { optional: 'text' }, contactPoints: { optional: 'list' }, identifiers: { optional: 'list' } },
  ChangePartyName: { name: 'object', reason: { optional: 'text' } },
  AddContactPoint: CONTACT,
  RemoveContactPoint: { contactPointId: 'text', reason: { optional: 'text' } },
  AddIdentifier: IDENTIFIER,
  GiveConsent: { purpose: 'text', channel: 'text', evidence: { optional: 'text' } },
  WithdrawConsent: { purpose: 'text', channel: 'text', reason: { optional: 'text' } },
  LinkRelationship: { relationshipId: 'text', kind: 'text', toPartyId: 'text', toPartyKnown: 'flag' },
  UnlinkRelationship: { relationshipId: 'text', reason: { optional: 'text' } },
  MergeParty: { survivorPartyId: 'text', survivorKnown: 'flag', reason: 'text' },
  UnmergeParty: { reason: 'text' },
  RequestErasure: { legalBasis: 'text' },
  CompleteErasure: {},
  PlaceLegalHold: { holdId: 'text', reason: 'text' },
  ReleaseLegalHold: { holdId: 'text', reason: { optional: 'text' } },
  GrantPartyAccess: { grantId: 'text', department: 'text', reason: 'text' },
  RevokePartyAccess: { grantId: 'text', reason: 'text' },
};

const WITH_ID = withIdField('partyId', RULES);

function checkContactPoint(command: string, cp: unknown, path: string): void {
  checkFields(command, cp, CONTACT, path);
  const { kind, value, address } = cp as { kind: string; value?: unknown; address?: unknown };
  if (kind === 'postal') checkFields(command, address, POSTAL_ADDRESS, `${path}address.`);
  else checkFields(command, { value }, VALUE, path);
}

/** Refuses a party command that lacks what its decision needs (a name, a value, a reason…). */
export function checkPartyCommand(command: PartyCommand): void {
  const type = command.type;
  checkFields(type, command.data, WITH_ID[type]);
  const data = command.data as Record<string, unknown>;
  if (type === 'RegisterParty' || type === 'ChangePartyName') checkFields(type, data.name, NAME, 'name.');
  if (type === 'AddContactPoint') checkContactPoint(type, data, '');
  if (type === 'RegisterParty') {
    (data.contactPoints as unknown[] | undefined ?? []).forEach((cp, i) => checkContactPoint(type, cp, `contactPoints.${i}.`));
    (data.identifiers as unknown[] | undefined ?? []).forEach((id, i) => checkFields(type, id, IDENTIFIER, `identifiers.${i}.`));
  }
}
