import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { UnlinkRelationshipCommand } from './unlink-relationship.command';

@CommandHandler(UnlinkRelationshipCommand)
export class UnlinkRelationshipHandler implements ICommandHandler<UnlinkRelationshipCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: UnlinkRelationshipCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.relate', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('UnlinkRelationship', data, ctx.actor), ctx);
  }
}
