import { Command } from '@nestjs/cqrs';
import { AssignCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Assigns correspondence to a staff member (and department). */
export class AssignCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: AssignCorrespondence['data'], readonly ctx: WriteContext) {
    super();
  }
}
