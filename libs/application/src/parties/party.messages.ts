import { Command, Query } from '@nestjs/cqrs';
import { PartyCommand } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Page, PartySearch, PartyView, TimelineEntry, TimelineFilter } from '@civic-ledger/read-models';
import { PartyChanges, PointInTime } from '@civic-ledger/audit';
import { CommandOutcome, WriteContext } from '../shared/command-runner';
import { Intent } from '../shared/intent';
import type { Principal } from '../access/roles';

export type PartyIntent = Intent<PartyCommand, 'toPartyKnown' | 'survivorKnown'>;

export class ExecutePartyCommand extends Command<CommandOutcome> {
  constructor(readonly intent: PartyIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetPartyQuery extends Query<PartyView> {
  constructor(readonly partyId: string, readonly at: PointInTime, readonly principal: Principal) {
    super();
  }
}

/** A search hit: the party as the reader may see it, or a stub of an exact match held by another department. */
export type SearchResult = { visible: true; party: PartyView } | { visible: false; stub: { id: string; heldByAnotherDepartment: true } };

export class SearchPartiesQuery extends Query<SearchResult[]> {
  constructor(readonly criteria: PartySearch, readonly principal: Principal) {
    super();
  }
}

export class GetTimelineQuery extends Query<Page<TimelineEntry>> {
  constructor(
    readonly partyId: string, readonly filter: TimelineFilter, readonly limit: number, readonly cursor: string | undefined, readonly at: PointInTime,
    readonly principal: Principal,
  ) {
    super();
  }
}

export class ExportPartyQuery extends Query<RecordedEvent[]> {
  constructor(readonly partyId: string, readonly principal: Principal) {
    super();
  }
}

export class PartyChangesQuery extends Query<PartyChanges> {
  constructor(readonly partyId: string, readonly from: string, readonly to: string, readonly principal: Principal) {
    super();
  }
}
