import { Command } from '@nestjs/cqrs';
import { UnmergeParty } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Reverses a merge: the party stands on its own again. */
export class UnmergePartyCommand extends Command<CommandOutcome> {
  constructor(readonly data: UnmergeParty['data'], readonly ctx: WriteContext) {
    super();
  }
}
