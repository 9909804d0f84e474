import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { MergePartyCommand } from './merge-party.command';

@CommandHandler(MergePartyCommand)
export class MergePartyHandler implements ICommandHandler<MergePartyCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  /** Both parties must be ones the principal sees; the survivor's state, loaded for that check, says whether it may survive. */
  async execute({ data, ctx }: MergePartyCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.merge', data.partyId);
    const survivor = await this.gate.party(ctx.principal, 'party.merge', data.survivorPartyId);
    const decided = { ...data, survivorKnown: survivor.status === 'active' && survivor.mergedInto === null };
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('MergeParty', decided, ctx.actor), ctx);
  }
}
