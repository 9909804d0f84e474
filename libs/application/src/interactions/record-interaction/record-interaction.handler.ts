import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { interactionDecider, interactionStreamId } from '@civic-ledger/domain';
import { requireAccess, requireActsFor, requireClassify } from '../../access';
import { BreakGlass } from '../../shared/break-glass';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { RecordInteractionCommand } from './record-interaction.command';

@CommandHandler(RecordInteractionCommand)
export class RecordInteractionHandler implements ICommandHandler<RecordInteractionCommand> {
  constructor(private readonly runner: CommandRunner, private readonly breakGlass: BreakGlass) {}

  /**
   * For a department the principal works for, at a level it may classify; parties the department does not
   * see yet are reached by breaking the glass (granted once the contact is decided, before it is appended).
   */
  async execute({ data, ctx, freshId }: RecordInteractionCommand): Promise<CommandOutcome> {
    requireAccess(ctx.principal, 'interaction.record');
    requireActsFor(ctx.principal, data.department);
    requireClassify(ctx.principal, data.confidentiality);
    const plan = await this.breakGlass.plan(ctx, data.department, data.partyIds);
    const decided = { ...data, knownPartyIds: plan.activePartyIds };
    // The business time of a recorded contact is when it happened, not when it was typed in.
    const recorded = { ...ctx, occurredAt: data.occurredAt };
    return this.runner.run(interactionDecider, interactionStreamId(data.interactionId), stamped('RecordInteraction', decided, ctx.actor), recorded, plan.grant, freshId);
  }
}
