import { Command } from '@nestjs/cqrs';
import { RecordInteraction } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/**
 * Records a contact on any channel with one or more parties. The handler establishes `knownPartyIds` itself.
 * `freshId`: the interaction id was drawn for this request (no Idempotency-Key; 74 random bits), so its stream
 * does not exist and is not read before the append (the append still requires that it does not).
 */
export class RecordInteractionCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<RecordInteraction['data'], 'knownPartyIds'>, readonly ctx: WriteContext, readonly freshId = false) {
    super();
  }
}
