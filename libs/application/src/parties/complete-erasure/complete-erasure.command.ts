import { Command } from '@nestjs/cqrs';
import { CompleteErasure } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Carries out a requested erasure: the party's key is destroyed, then the erasure recorded. */
export class CompleteErasureCommand extends Command<CommandOutcome> {
  constructor(readonly data: CompleteErasure['data'], readonly ctx: WriteContext) {
    super();
  }
}
