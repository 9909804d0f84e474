import { Inject } from '@nestjs/common';
import { CommandHandler, ICommandHandler, IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  correspondenceDecider, correspondenceStreamId, DomainError, InteractionCommand, interactionDecider, interactionStreamId,
} from '@civic-ledger/domain';
import { COLLECTIONS, InteractionView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { CommandOutcome, CommandRunner } from '../application/command-runner';
import { PartyDirectory } from '../application/party-directory';
import { ExecuteInteractionCommand, GetInteractionQuery, InteractionIntent } from './interaction.messages';

@CommandHandler(ExecuteInteractionCommand)
export class InteractionCommandHandler implements ICommandHandler<ExecuteInteractionCommand> {
  constructor(private readonly runner: CommandRunner, private readonly directory: PartyDirectory) {}

  async execute({ intent, ctx }: ExecuteInteractionCommand): Promise<CommandOutcome> {
    const data = await this.resolve(intent);
    const streamId = interactionStreamId(intent.data.interactionId);
    // The business time of a recorded contact is when it happened, not when it was typed in.
    const occurredAt = intent.type === 'RecordInteraction' ? intent.data.occurredAt : ctx.occurredAt;
    return this.runner.run(interactionDecider, streamId, (now) => ({ type: intent.type, data, metadata: { now, actor: ctx.actor } }) as InteractionCommand, { ...ctx, occurredAt });
  }

  private async resolve(intent: InteractionIntent): Promise<InteractionCommand['data']> {
    switch (intent.type) {
      case 'RecordInteraction':
        return { ...intent.data, knownPartyIds: await this.directory.activeAmong(intent.data.partyIds) };
      case 'LinkInteractionToCorrespondence': {
        const state = await this.runner.state(correspondenceDecider, correspondenceStreamId(intent.data.correspondenceId));
        return { ...intent.data, correspondenceKnown: state.status !== 'unknown' };
      }
      default:
        return intent.data as InteractionCommand['data'];
    }
  }
}

@QueryHandler(GetInteractionQuery)
export class GetInteractionHandler implements IQueryHandler<GetInteractionQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  async execute({ interactionId }: GetInteractionQuery): Promise<InteractionView> {
    const view = await this.views.get<InteractionView>(COLLECTIONS.interactions, interactionId);
    if (!view) throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
    return view;
  }
}
