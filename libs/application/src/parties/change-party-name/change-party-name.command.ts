import { Command } from '@nestjs/cqrs';
import { ChangePartyName } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Changes a party's name; the earlier name stays in the record. */
export class ChangePartyNameCommand extends Command<CommandOutcome> {
  constructor(readonly data: ChangePartyName['data'], readonly ctx: WriteContext) {
    super();
  }
}
