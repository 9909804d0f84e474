import { Command } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';
import { SignedCheckpoint } from '@civic-ledger/audit';

/** Signs a checkpoint (Merkle root of the whole ledger) now. */
export class SignCheckpointCommand extends Command<SignedCheckpoint> {
  constructor(readonly principal: Principal) {
    super();
  }
}
