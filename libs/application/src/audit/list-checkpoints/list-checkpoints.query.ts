import { Query } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';
import { SignedCheckpoint } from '@civic-ledger/audit';

/** Every signed checkpoint, oldest first. */
export class ListCheckpointsQuery extends Query<SignedCheckpoint[]> {
  constructor(readonly principal: Principal) {
    super();
  }
}
