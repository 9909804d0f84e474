import { Query } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';
import { CheckpointFailure, VerifyReport } from '@civic-ledger/audit';

export type LedgerVerification = VerifyReport & { checkpoints: { checked: number; failures: CheckpointFailure[] } };

/** Every hash chain from genesis to head, and every signed checkpoint against the ledger. */
export class VerifyLedgerQuery extends Query<LedgerVerification> {
  constructor(readonly principal: Principal) {
    super();
  }
}
