import { Command } from '@nestjs/cqrs';
import { LinkRelationship } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Relates a party to another; the principal must see both. The handler establishes `toPartyKnown` itself. */
export class LinkRelationshipCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<LinkRelationship['data'], 'toPartyKnown'>, readonly ctx: WriteContext) {
    super();
  }
}
