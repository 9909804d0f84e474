import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { AddIdentifierCommand } from './add-identifier.command';

@CommandHandler(AddIdentifierCommand)
export class AddIdentifierHandler implements ICommandHandler<AddIdentifierCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: AddIdentifierCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.update', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('AddIdentifier', data, ctx.actor), ctx);
  }
}
