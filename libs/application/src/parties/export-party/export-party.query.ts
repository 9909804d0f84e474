import { Query } from '@nestjs/cqrs';
import { RecordedEvent } from '@civic-ledger/event-store';
import type { Principal } from '../../access/roles';

/** Every event of a party's record the reader may see (subject access request, audit), in ledger order. */
export class ExportPartyQuery extends Query<RecordedEvent[]> {
  constructor(readonly partyId: string, readonly principal: Principal) {
    super();
  }
}
