import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { interactionDecider, interactionStreamId } from '@civic-ledger/domain';
import { requireActsFor } from '../../access';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { AmendInteractionCommand } from './amend-interaction.command';

@CommandHandler(AmendInteractionCommand)
export class AmendInteractionHandler implements ICommandHandler<AmendInteractionCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  async execute({ data, ctx }: AmendInteractionCommand): Promise<CommandOutcome> {
    await this.gate.interaction(ctx.principal, 'interaction.amend', data.interactionId);
    // Moving a contact to another department needs the principal to work for that one too.
    requireActsFor(ctx.principal, data.changes.department);
    return this.runner.run(interactionDecider, interactionStreamId(data.interactionId), stamped('AmendInteraction', data, ctx.actor), ctx);
  }
}
