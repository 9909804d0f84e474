import { Command, Query } from '@nestjs/cqrs';
import { InteractionCommand } from '@civic-ledger/domain';
import { InteractionView } from '@civic-ledger/read-models';
import { CommandOutcome, WriteContext } from '../shared/command-runner';
import { Intent } from '../shared/intent';
import type { Principal } from '../access/roles';

export type InteractionIntent = Intent<InteractionCommand, 'knownPartyIds' | 'correspondenceKnown'>;

export class ExecuteInteractionCommand extends Command<CommandOutcome> {
  constructor(readonly intent: InteractionIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetInteractionQuery extends Query<InteractionView> {
  constructor(readonly interactionId: string, readonly principal: Principal) {
    super();
  }
}
