import { Command } from '@nestjs/cqrs';
import { AddContactPoint } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Adds a contact point (e-mail, phone, address) to a party. */
export class AddContactPointCommand extends Command<CommandOutcome> {
  constructor(readonly data: AddContactPoint['data'], readonly ctx: WriteContext) {
    super();
  }
}
