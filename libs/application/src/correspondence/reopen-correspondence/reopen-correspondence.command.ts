import { Command } from '@nestjs/cqrs';
import { ReopenCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Reopens a closed correspondence case. */
export class ReopenCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: ReopenCorrespondence['data'], readonly ctx: WriteContext) {
    super();
  }
}
