import { checkFields, withIdField, incomplete, Rules } from '../shared/command-checks';
import { CorrespondenceCommand } from './correspondence.commands';

const ATTACHMENT: Rules = { name: 'text', mediaType: 'text', sizeBytes: 'number', sha256: 'text' };

const RULES: { [K in CorrespondenceCommand['type']]: Rules } = {
  ReceiveCorrespondence: {
    partyIds: 'texts', knownPartyIds: 'list', channel: 'text', subject: 'text', receivedAt: 'text', dueAt: 'text', department: 'text',
    reference: { optional: 'text' }, attachments: { optional: 'list' },
  },
  AcknowledgeCorrespondence: { note: { optional: 'text' } },
  AssignCorrespondence: { assigneeId: 'text', department: { optional: 'text' } },
  RespondToCorrespondence: { summary: 'text', channel: 'text', attachments: { optional: 'list' } },
  CloseCorrespondence: { resolution: 'text' },
  ReopenCorrespondence: { reason: 'text', dueAt: { optional: 'text' } },
};

const WITH_ID = withIdField('correspondenceId', RULES);

/** Refuses a correspondence command that lacks what its decision needs (a subject, a resolution…). */
export function checkCorrespondenceCommand(command: CorrespondenceCommand): void {
  const type = command.type;
  checkFields(type, command.data, WITH_ID[type]);
  const data = command.data as { partyIds?: readonly string[]; attachments?: readonly unknown[] };
  if (type === 'ReceiveCorrespondence' && data.partyIds?.length === 0) throw incomplete(type, 'partyIds');
  (data.attachments ?? []).forEach((a, i) => checkFields(type, a, ATTACHMENT, `attachments.${i}.`));
}
