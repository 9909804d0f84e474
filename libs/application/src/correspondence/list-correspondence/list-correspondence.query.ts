import { Query } from '@nestjs/cqrs';
import { CorrespondenceFilter, CorrespondenceView, Page } from '@civic-ledger/read-models';
import type { Principal } from '../../access/roles';

/** Correspondence by status and due date (soonest due first), of the departments the reader sees. */
export class ListCorrespondenceQuery extends Query<Page<CorrespondenceView>> {
  constructor(readonly filter: Omit<CorrespondenceFilter, 'departments'>, readonly principal: Principal) {
    super();
  }
}
