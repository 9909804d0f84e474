import { Command } from '@nestjs/cqrs';
import { AddIdentifier } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Adds an identifier (client number, national id, …) to a party. */
export class AddIdentifierCommand extends Command<CommandOutcome> {
  constructor(readonly data: AddIdentifier['data'], readonly ctx: WriteContext) {
    super();
  }
}
