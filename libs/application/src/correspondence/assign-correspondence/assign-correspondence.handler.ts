import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { AssignCorrespondenceCommand } from './assign-correspondence.command';

@CommandHandler(AssignCorrespondenceCommand)
export class AssignCorrespondenceHandler implements ICommandHandler<AssignCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: AssignCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('AssignCorrespondence', data, ctx.actor), ctx);
  }
}
