import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { ReopenCorrespondenceCommand } from './reopen-correspondence.command';

@CommandHandler(ReopenCorrespondenceCommand)
export class ReopenCorrespondenceHandler implements ICommandHandler<ReopenCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: ReopenCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('ReopenCorrespondence', data, ctx.actor), ctx);
  }
}
