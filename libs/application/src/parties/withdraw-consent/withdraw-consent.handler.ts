import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: WithdrawConsentCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.consent', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('WithdrawConsent', data, ctx.actor), ctx);
  }
}
