import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { PlaceLegalHoldCommand } from './place-legal-hold.command';

@CommandHandler(PlaceLegalHoldCommand)
export class PlaceLegalHoldHandler implements ICommandHandler<PlaceLegalHoldCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: PlaceLegalHoldCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.erase', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('PlaceLegalHold', data, ctx.actor), ctx);
  }
}
