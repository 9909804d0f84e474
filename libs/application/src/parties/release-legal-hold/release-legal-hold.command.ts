import { Command } from '@nestjs/cqrs';
import { ReleaseLegalHold } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Releases a legal hold. */
export class ReleaseLegalHoldCommand extends Command<CommandOutcome> {
  constructor(readonly data: ReleaseLegalHold['data'], readonly ctx: WriteContext) {
    super();
  }
}
