import { Command } from '@nestjs/cqrs';
import { RevokePartyAccess } from '@civic-ledger/domain';
import { CommandOutcome, WriteContext } from '../../shared/command-runner';

/** Revokes a break-glass grant: the department no longer sees the party (unless it registered it). */
export class RevokePartyAccessCommand extends Command<CommandOutcome> {
  constructor(readonly data: RevokePartyAccess['data'], readonly ctx: WriteContext) {
    super();
  }
}
