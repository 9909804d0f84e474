import { checkFields, withIdField, incomplete, Rules } from '../shared/command-checks';
import { InteractionCommand } from './interaction.commands';
import { AMENDABLE_FIELDS, CHANNELS, CONFIDENTIALITY_LEVELS, DIRECTIONS } from './interaction.events';

/** What each amendable field holds when an amendment changes it. */
const CHANGES: Rules = {
  occurredAt: { optional: 'text' }, department: { optional: 'text' }, program: { optional: 'text' }, topics: { optional: 'texts' },
  summary: { optional: 'text' }, outcome: { optional: 'text' }, satisfaction: { optional: 'number' }, durationSeconds: { optional: 'number' },
};

const RULES: { [K in InteractionCommand['type']]: Rules } = {
  RecordInteraction: {
    channel: CHANNELS, direction: DIRECTIONS, occurredAt: 'text', partyIds: 'texts', staffId: { optional: 'text' }, department: 'text',
    program: { optional: 'text' }, topics: 'texts', summary: 'text', outcome: { optional: 'text' }, satisfaction: { optional: 'number' },
    durationSeconds: { optional: 'number' }, confidentiality: { optional: CONFIDENTIALITY_LEVELS }, knownPartyIds: 'list',
  },
  AmendInteraction: { changes: 'object', reason: 'text' },
  LinkInteractionToCorrespondence: { correspondenceId: 'text', correspondenceKnown: 'flag' },
  SetInteractionConfidentiality: { level: CONFIDENTIALITY_LEVELS, reason: { optional: 'text' } },
};

const WITH_ID = withIdField('interactionId', RULES);

/** Refuses an interaction command that lacks what its decision needs (a summary, the changes of an amendment…). */
export function checkInteractionCommand(command: InteractionCommand): void {
  const type = command.type;
  checkFields(type, command.data, WITH_ID[type]);
  if (type === 'RecordInteraction' && command.data.partyIds.length === 0) throw incomplete(type, 'partyIds');
  if (type === 'AmendInteraction') {
    checkFields(type, command.data.changes, CHANGES, 'changes.');
    const unknown = Object.keys(command.data.changes).find((k) => !(AMENDABLE_FIELDS as readonly string[]).includes(k));
    if (unknown) throw incomplete(type, `changes.${unknown}`);
  }
}
