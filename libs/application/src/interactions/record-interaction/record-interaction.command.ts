import { Command } from '@nestjs/cqrs';
import { RecordInteraction } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Records a contact on any channel with one or more parties. The handler establishes `knownPartyIds` itself. */
export class RecordInteractionCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<RecordInteraction['data'], 'knownPartyIds'>, readonly ctx: WriteContext) {
    super();
  }
}
