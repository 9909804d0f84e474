import { Command } from '@nestjs/cqrs';
import { RemoveContactPoint } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Removes one of a party's contact points. */
export class RemoveContactPointCommand extends Command<CommandOutcome> {
  constructor(readonly data: RemoveContactPoint['data'], readonly ctx: WriteContext) {
    super();
  }
}
