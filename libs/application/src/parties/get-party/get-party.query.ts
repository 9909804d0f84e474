import { Query } from '@nestjs/cqrs';
import { PartyView } from '@civic-ledger/read-models';
import { PointInTime } from '@civic-ledger/audit';
import type { Principal } from '../../access/roles';

/** A party as the reader may see it: live, or replayed as it was known at a past instant. */
export class GetPartyQuery extends Query<PartyView> {
  constructor(readonly partyId: string, readonly at: PointInTime, readonly principal: Principal) {
    super();
  }
}
