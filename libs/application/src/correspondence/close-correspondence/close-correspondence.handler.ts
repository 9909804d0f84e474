import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { CloseCorrespondenceCommand } from './close-correspondence.command';

@CommandHandler(CloseCorrespondenceCommand)
export class CloseCorrespondenceHandler implements ICommandHandler<CloseCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: CloseCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('CloseCorrespondence', data, ctx.actor), ctx);
  }
}
