import { Command } from '@nestjs/cqrs';
import { WithdrawConsent } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Withdraws consent in force for a purpose over a channel. */
export class WithdrawConsentCommand extends Command<CommandOutcome> {
  constructor(readonly data: WithdrawConsent['data'], readonly ctx: WriteContext) {
    super();
  }
}
