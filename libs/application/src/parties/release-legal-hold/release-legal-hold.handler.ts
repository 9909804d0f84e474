import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { ReleaseLegalHoldCommand } from './release-legal-hold.command';

@CommandHandler(ReleaseLegalHoldCommand)
export class ReleaseLegalHoldHandler implements ICommandHandler<ReleaseLegalHoldCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: ReleaseLegalHoldCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.erase', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('ReleaseLegalHold', data, ctx.actor), ctx);
  }
}
