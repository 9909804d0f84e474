import { Command } from '@nestjs/cqrs';
import { ReceiveCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Registers received correspondence (letter, e-mail, case file) for a department. The handler establishes `knownPartyIds` itself. */
export class ReceiveCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<ReceiveCorrespondence['data'], 'knownPartyIds'>, readonly ctx: WriteContext) {
    super();
  }
}
