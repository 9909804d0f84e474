import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { interactionDecider, interactionStreamId } from '@civic-ledger/domain';
import { AccessGate } from '../../shared/access-gate';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { LinkInteractionToCorrespondenceCommand } from './link-interaction-to-correspondence.command';

@CommandHandler(LinkInteractionToCorrespondenceCommand)
export class LinkInteractionToCorrespondenceHandler implements ICommandHandler<LinkInteractionToCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly gate: AccessGate) {}

  /** The contact must be one the principal may link, and the correspondence one it handles (which also proves it exists). */
  async execute({ data, ctx }: LinkInteractionToCorrespondenceCommand): Promise<CommandOutcome> {
    await this.gate.interaction(ctx.principal, 'interaction.link', data.interactionId);
    await this.gate.correspondence(ctx.principal, 'correspondence.handle', data.correspondenceId);
    const decided = { ...data, correspondenceKnown: true };
    return this.runner.run(interactionDecider, interactionStreamId(data.interactionId), stamped('LinkInteractionToCorrespondence', decided, ctx.actor), ctx);
  }
}
