import { Query } from '@nestjs/cqrs';
import { PartyChanges } from '@civic-ledger/audit';
import type { Principal } from '../../access/roles';

/** What changed in a party's record between two instants, as the reader may see it. */
export class PartyChangesQuery extends Query<PartyChanges> {
  constructor(readonly partyId: string, readonly from: string, readonly to: string, readonly principal: Principal) {
    super();
  }
}
