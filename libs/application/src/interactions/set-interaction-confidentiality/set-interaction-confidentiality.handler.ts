import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { interactionDecider, interactionStreamId } from '@civic-ledger/domain';
import { requireClassify } from '../../access';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { SetInteractionConfidentialityCommand } from './set-interaction-confidentiality.command';

@CommandHandler(SetInteractionConfidentialityCommand)
export class SetInteractionConfidentialityHandler implements ICommandHandler<SetInteractionConfidentialityCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: SetInteractionConfidentialityCommand): Promise<CommandOutcome> {
    await this.gate.interaction(ctx.principal, 'interaction.classify', data.interactionId);
    // Only to a level the principal itself sees.
    requireClassify(ctx.principal, data.level);
    return this.runner.run(interactionDecider, interactionStreamId(data.interactionId), stamped('SetInteractionConfidentiality', data, ctx.actor), ctx);
  }
}
