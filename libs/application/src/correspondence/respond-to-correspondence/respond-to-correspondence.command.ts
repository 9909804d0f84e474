import { Command } from '@nestjs/cqrs';
import { RespondToCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Records the response sent to correspondence. */
export class RespondToCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: RespondToCorrespondence['data'], readonly ctx: WriteContext) {
    super();
  }
}
