import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RespondToCorrespondenceCommand } from './respond-to-correspondence.command';

@CommandHandler(RespondToCorrespondenceCommand)
export class RespondToCorrespondenceHandler implements ICommandHandler<RespondToCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: RespondToCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('RespondToCorrespondence', data, ctx.actor), ctx);
  }
}
