import { Query } from '@nestjs/cqrs';
import { AccessGrantView, Page } from '@civic-ledger/read-models';
import type { Principal } from '../../access/roles';

export interface AccessGrantFilter {
  readonly partyId?: string;
  readonly department?: string;
  readonly status?: 'active' | 'revoked';
  readonly limit?: number;
  readonly cursor?: string;
}

/** Break-glass grants, newest first, for privacy officers and auditors to review. */
export class ListAccessGrantsQuery extends Query<Page<AccessGrantView>> {
  constructor(readonly filter: AccessGrantFilter, readonly principal: Principal) {
    super();
  }
}
