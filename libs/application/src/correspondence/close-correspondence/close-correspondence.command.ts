import { Command } from '@nestjs/cqrs';
import { CloseCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Closes a correspondence case with its resolution. */
export class CloseCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: CloseCorrespondence['data'], readonly ctx: WriteContext) {
    super();
  }
}
