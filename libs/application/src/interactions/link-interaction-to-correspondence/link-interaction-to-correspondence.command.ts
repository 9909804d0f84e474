import { Command } from '@nestjs/cqrs';
import { LinkInteractionToCorrespondence } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Links a contact to the correspondence case it belongs to. The handler establishes `correspondenceKnown` itself. */
export class LinkInteractionToCorrespondenceCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<LinkInteractionToCorrespondence['data'], 'correspondenceKnown'>, readonly ctx: WriteContext) {
    super();
  }
}
