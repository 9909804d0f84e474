import { Command } from '@nestjs/cqrs';
import { PlaceLegalHold } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Places a legal hold that blocks a party's erasure. */
export class PlaceLegalHoldCommand extends Command<CommandOutcome> {
  constructor(readonly data: PlaceLegalHold['data'], readonly ctx: WriteContext) {
    super();
  }
}
