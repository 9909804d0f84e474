import { Command } from '@nestjs/cqrs';
import { RegisterParty } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Registers a citizen or organisation for the registering department. */
export class RegisterPartyCommand extends Command<CommandOutcome> {
  constructor(readonly data: RegisterParty['data'], readonly ctx: WriteContext) {
    super();
  }
}
