import { Command, Query } from '@nestjs/cqrs';
import { InteractionCommand } from '@civic-ledger/domain';
import { InteractionView } from '@civic-ledger/read-models';
import { CommandOutcome, WriteContext } from '../application/command-runner';

type Resolved = 'knownPartyIds' | 'correspondenceKnown';
export type InteractionIntent = { [K in InteractionCommand['type']]: { type: K; data: Omit<Extract<InteractionCommand, { type: K }>['data'], Resolved> } }[InteractionCommand['type']];

export class ExecuteInteractionCommand extends Command<CommandOutcome> {
  constructor(readonly intent: InteractionIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetInteractionQuery extends Query<InteractionView> {
  constructor(readonly interactionId: string) {
    super();
  }
}
