import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RevokePartyAccessCommand } from './revoke-party-access.command';

@CommandHandler(RevokePartyAccessCommand)
export class RevokePartyAccessHandler implements ICommandHandler<RevokePartyAccessCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: RevokePartyAccessCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.revoke-access', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('RevokePartyAccess', data, ctx.actor), ctx);
  }
}
