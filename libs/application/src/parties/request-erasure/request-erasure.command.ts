import { Command } from '@nestjs/cqrs';
import { RequestErasure } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Requests erasure of a party (right to be forgotten). */
export class RequestErasureCommand extends Command<CommandOutcome> {
  constructor(readonly data: RequestErasure['data'], readonly ctx: WriteContext) {
    super();
  }
}
