import { Command } from '@nestjs/cqrs';
import { UnlinkRelationship } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Ends a relationship between two parties. */
export class UnlinkRelationshipCommand extends Command<CommandOutcome> {
  constructor(readonly data: UnlinkRelationship['data'], readonly ctx: WriteContext) {
    super();
  }
}
