import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { GiveConsentCommand } from './give-consent.command';

@CommandHandler(GiveConsentCommand)
export class GiveConsentHandler implements ICommandHandler<GiveConsentCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: GiveConsentCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.consent', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('GiveConsent', data, ctx.actor), ctx);
  }
}
