import { Query } from '@nestjs/cqrs';
import { Page, TimelineEntry, TimelineFilter } from '@civic-ledger/read-models';
import { PointInTime } from '@civic-ledger/audit';
import type { Principal } from '../../access/roles';

/** A page of a party's timeline (contacts, correspondence, changes), live or as known at a past instant, in the reader's scope. */
export class GetTimelineQuery extends Query<Page<TimelineEntry>> {
  constructor(
    readonly partyId: string, readonly filter: TimelineFilter, readonly limit: number, readonly cursor: string | undefined, readonly at: PointInTime,
    readonly principal: Principal,
  ) {
    super();
  }
}
