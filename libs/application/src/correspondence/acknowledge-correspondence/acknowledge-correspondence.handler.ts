import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { AcknowledgeCorrespondenceCommand } from './acknowledge-correspondence.command';

@CommandHandler(AcknowledgeCorrespondenceCommand)
export class AcknowledgeCorrespondenceHandler implements ICommandHandler<AcknowledgeCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: AcknowledgeCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('AcknowledgeCorrespondence', data, ctx.actor), ctx);
  }
}
