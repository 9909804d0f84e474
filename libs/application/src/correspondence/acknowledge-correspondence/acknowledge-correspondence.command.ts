import { Command } from '@nestjs/cqrs';
import { AcknowledgeCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Acknowledges received correspondence. */
export class AcknowledgeCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: AcknowledgeCorrespondence['data'], readonly ctx: WriteContext) {
    super();
  }
}
