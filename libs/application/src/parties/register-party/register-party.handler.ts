import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { requireAccess, requireActsFor } from '../../access';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RegisterPartyCommand } from './register-party.command';

@CommandHandler(RegisterPartyCommand)
export class RegisterPartyHandler implements ICommandHandler<RegisterPartyCommand> {
  constructor(private readonly runner: CommandRunner) {}

  async execute({ data, ctx }: RegisterPartyCommand): Promise<CommandOutcome> {
    requireAccess(ctx.principal, 'party.register');
    // A new party is registered for a department the principal works for.
    requireActsFor(ctx.principal, data.department);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('RegisterParty', data, ctx.actor), ctx);
  }
}
