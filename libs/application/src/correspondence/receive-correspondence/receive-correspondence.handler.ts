import { CommandHandler, ICommandHandler } from '@nestjs/cqrs';
import { correspondenceDecider, correspondenceStreamId } from '@civic-ledger/domain';
import { requireAccess, requireActsFor } from '../../access';
import { BreakGlass } from '../../shared/break-glass';
import { CommandOutcome, CommandRunner } from '../../shared/command-runner';
import { stamped } from '../../domain-command';
import { ReceiveCorrespondenceCommand } from './receive-correspondence.command';

@CommandHandler(ReceiveCorrespondenceCommand)
export class ReceiveCorrespondenceHandler implements ICommandHandler<ReceiveCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly breakGlass: BreakGlass) {}

  /** For a department the principal works for; parties the department does not see yet are reached by breaking the glass. */
  async execute({ data, ctx }: ReceiveCorrespondenceCommand): Promise<CommandOutcome> {
    requireAccess(ctx.principal, 'correspondence.receive');
    requireActsFor(ctx.principal, data.department);
    const plan = await this.breakGlass.plan(ctx, data.department, data.partyIds);
    const decided = { ...data, knownPartyIds: plan.activePartyIds };
    const received = { ...ctx, occurredAt: data.receivedAt };
    return this.runner.run(correspondenceDecider, correspondenceStreamId(data.correspondenceId), stamped('ReceiveCorrespondence', decided, ctx.actor), received, plan.grant);
  }
}
