import { Command } from '@nestjs/cqrs';
import { GiveConsent } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Records consent for a purpose over a channel. */
export class GiveConsentCommand extends Command<CommandOutcome> {
  constructor(readonly data: GiveConsent['data'], readonly ctx: WriteContext) {
    super();
  }
}
