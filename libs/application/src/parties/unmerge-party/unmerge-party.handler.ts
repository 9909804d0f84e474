import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { UnmergePartyCommand } from './unmerge-party.command';

@CommandHandler(UnmergePartyCommand)
export class UnmergePartyHandler implements ICommandHandler<UnmergePartyCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: UnmergePartyCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.merge', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('UnmergeParty', data, ctx.actor), ctx);
  }
}
