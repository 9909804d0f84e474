import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { LinkRelationshipCommand } from './link-relationship.command';

@CommandHandler(LinkRelationshipCommand)
export class LinkRelationshipHandler implements ICommandHandler<LinkRelationshipCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  /** Both parties must be ones the principal sees; the other's state, loaded for that check, says whether it may be linked. */
  async execute({ data, ctx }: LinkRelationshipCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.relate', data.partyId);
    const other = await this.gate.party(ctx.principal, 'party.relate', data.toPartyId);
    const decided = { ...data, toPartyKnown: other.status === 'active' };
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('LinkRelationship', decided, ctx.actor), ctx);
  }
}
