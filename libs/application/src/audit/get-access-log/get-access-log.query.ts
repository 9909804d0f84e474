import { Query } from '@nestjs/cqrs';
import { AccessLogEntry, Page } from '@civic-ledger/read-models';
import { Principal } from '../../access/roles';

/** Who looked at a party, or what a user looked at (the access ledger), newest first; only views or only listings when `access` says. */
export class AccessLogQuery extends Query<Page<AccessLogEntry>> {
  constructor(readonly principal: Principal, readonly by: { partyId: string } | { actor: string }, readonly limit: number, readonly cursor?: string, readonly access?: AccessLogEntry['access']) {
    super();
  }
}
