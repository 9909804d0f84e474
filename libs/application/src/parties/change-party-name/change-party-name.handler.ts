import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { ChangePartyNameCommand } from './change-party-name.command';

@CommandHandler(ChangePartyNameCommand)
export class ChangePartyNameHandler implements ICommandHandler<ChangePartyNameCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: ChangePartyNameCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.update', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('ChangePartyName', data, ctx.actor), ctx);
  }
}
