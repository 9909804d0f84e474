import { Query } from '@nestjs/cqrs';
import { CorrespondenceView } from '@civic-ledger/read-models';
import type { Principal } from '../../access/roles';

/** One correspondence case, if the reader reads correspondence of its department. */
export class GetCorrespondenceQuery extends Query<CorrespondenceView> {
  constructor(readonly correspondenceId: string, readonly principal: Principal) {
    super();
  }
}
