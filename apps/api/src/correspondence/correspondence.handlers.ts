import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CorrespondenceCommand, correspondenceDecider, correspondenceStreamId, DomainError } from '@civic-ledger/domain';
import { COLLECTIONS, CorrespondenceView, listCorrespondence, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { CommandOutcome, CommandRunner } from '../application/command-runner';
import { PartyDirectory } from '../application/party-directory';
import { ExecuteCorrespondenceCommand, GetCorrespondenceQuery, ListCorrespondenceQuery } from './correspondence.messages';

@CommandHandler(ExecuteCorrespondenceCommand)
export class CorrespondenceCommandHandler implements ICommandHandler<ExecuteCorrespondenceCommand> {
  constructor(private readonly runner: CommandRunner, private readonly directory: PartyDirectory) {}

  async execute({ intent, ctx }: ExecuteCorrespondenceCommand): Promise<CommandOutcome> {
    const data = intent.type === 'ReceiveCorrespondence'
      ? { ...intent.data, knownPartyIds: await this.directory.activeAmong(intent.data.partyIds) }
      : intent.data;
    const occurredAt = intent.type === 'ReceiveCorrespondence' ? intent.data.receivedAt : ctx.occurredAt;
    const streamId = correspondenceStreamId(intent.data.correspondenceId);
    return this.runner.run(correspondenceDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as CorrespondenceCommand, { ...ctx, occurredAt });
  }
}

@QueryHandler(GetCorrespondenceQuery)
export class GetCorrespondenceHandler implements IQueryHandler<GetCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  async execute({ correspondenceId }: GetCorrespondenceQuery): Promise<CorrespondenceView> {
    const view = await this.views.get<CorrespondenceView>(COLLECTIONS.correspondence, correspondenceId);
    if (!view) throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
    return view;
  }
}

@QueryHandler(ListCorrespondenceQuery)
export class ListCorrespondenceHandler implements IQueryHandler<ListCorrespondenceQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ filter }: ListCorrespondenceQuery): Promise<Page<CorrespondenceView>> {
    return listCorrespondence(this.views, filter);
  }
}
