import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { AddContactPointCommand } from './add-contact-point.command';

@CommandHandler(AddContactPointCommand)
export class AddContactPointHandler implements ICommandHandler<AddContactPointCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: AddContactPointCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.update', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('AddContactPoint', data, ctx.actor), ctx);
  }
}
