import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RemoveContactPointCommand } from './remove-contact-point.command';

@CommandHandler(RemoveContactPointCommand)
export class RemoveContactPointHandler implements ICommandHandler<RemoveContactPointCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: RemoveContactPointCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.update', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('RemoveContactPoint', data, ctx.actor), ctx);
  }
}
