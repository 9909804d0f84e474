import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CorrespondenceCommand, correspondenceDecider, correspondenceStreamId, DomainError } from '@civic-ledger/domain';
import { readScope, requireAccess, requireActsFor } from '../access';
import { COLLECTIONS, CorrespondenceView, listCorrespondence, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { AccessGate } from '../shared/access-gate';
import { BreakGlass } from '../shared/break-glass';
import { CommandOutcome, CommandRunner, WriteContext } from '../shared/command-runner';
import { CorrespondenceIntent, ExecuteCorrespondenceCommand, GetCorrespondenceQuery, ListCorrespondenceQuery } from './correspondence.messages';

@CommandHandler(ExecuteCorrespondenceCommand)
export class CorrespondenceCommandHandler implements ICommandHandler<ExecuteCorrespondenceCommand> {
  constructor(
    private readonly runner: CommandRunner, private readonly gate: AccessGate, private readonly breakGlass: BreakGlass,
  ) {}

  async execute({ intent, ctx }: ExecuteCorrespondenceCommand): Promise<CommandOutcome> {
    const { data, beforeAppend } = await this.authorize(intent, ctx);
    const occurredAt = intent.type === 'ReceiveCorrespondence' ? intent.data.receivedAt : ctx.occurredAt;
    const streamId = correspondenceStreamId(intent.data.correspondenceId);
    return this.runner.run(correspondenceDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as CorrespondenceCommand, { ...ctx, occurredAt }, beforeAppend);
  }

  private async authorize(intent: CorrespondenceIntent, ctx: WriteContext): Promise<{ data: CorrespondenceCommand['data']; beforeAppend?: () => Promise<void> }> {
    if (intent.type !== 'ReceiveCorrespondence') {
      await this.gate.correspondence(ctx.principal, 'correspondence.handle', intent.data.correspondenceId);
      return { data: intent.data };
    }
    requireAccess(ctx.principal, 'correspondence.receive');
    requireActsFor(ctx.principal, intent.data.department);
    const plan = await this.breakGlass.plan(ctx, intent.data.department, intent.data.partyIds);
    return { data: { ...intent.data, knownPartyIds: plan.activePartyIds }, beforeAppend: plan.grant };
  }
}

@QueryHandler(GetCorrespondenceQuery)
export class GetCorrespondenceHandler implements IQueryHandler<GetCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  async execute({ correspondenceId, principal }: GetCorrespondenceQuery): Promise<CorrespondenceView> {
    const view = await this.views.get<CorrespondenceView>(COLLECTIONS.correspondence, correspondenceId);
    if (!view) throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
    requireAccess(principal, 'correspondence.read', { kind: 'correspondence', department: view.department });
    return view;
  }
}

@QueryHandler(ListCorrespondenceQuery)
export class ListCorrespondenceHandler implements IQueryHandler<ListCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ filter, principal }: ListCorrespondenceQuery): Promise<Page<CorrespondenceView>> {
    requireAccess(principal, 'correspondence.read');
    return listCorrespondence(this.views, { ...filter, departments: readScope(principal).departments ?? undefined });
  }
}
