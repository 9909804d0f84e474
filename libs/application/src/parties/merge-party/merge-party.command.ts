import { Command } from '@nestjs/cqrs';
import { MergeParty } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Merges a duplicate party into a surviving one (reversible). The handler establishes `survivorKnown` itself. */
export class MergePartyCommand extends Command<CommandOutcome> {
  constructor(readonly data: Omit<MergeParty['data'], 'survivorKnown'>, readonly ctx: WriteContext) {
    super();
  }
}
