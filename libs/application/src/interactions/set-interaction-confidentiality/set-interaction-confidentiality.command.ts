import { Command } from '@nestjs/cqrs';
import { SetInteractionConfidentiality } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Raises or lowers a contact's confidentiality level. */
export class SetInteractionConfidentialityCommand extends Command<CommandOutcome> {
  constructor(readonly data: SetInteractionConfidentiality['data'], readonly ctx: WriteContext) {
    super();
  }
}
