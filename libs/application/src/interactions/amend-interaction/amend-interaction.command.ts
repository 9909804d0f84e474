import { Command } from '@nestjs/cqrs';
import { AmendInteraction } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Corrects a recorded contact; the original stays in the record. */
export class AmendInteractionCommand extends Command<CommandOutcome> {
  constructor(readonly data: AmendInteraction['data'], readonly ctx: WriteContext) {
    super();
  }
}
