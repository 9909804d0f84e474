import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { partyDecider, partyStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RequestErasureCommand } from './request-erasure.command';

@CommandHandler(RequestErasureCommand)
export class RequestErasureHandler implements ICommandHandler<RequestErasureCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: RequestErasureCommand): Promise<CommandOutcome> {
    await this.gate.party(ctx.principal, 'party.erase', data.partyId);
    return this.runner.run(partyDecider, partyStreamId(data.partyId), stamped('RequestErasure', data, ctx.actor), ctx);
  }
}
