import { Command, Query } from '@nestjs/cqrs';
import { PartyCommand } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Page, PartySearch, PartyView, TimelineEntry, TimelineFilter } from '@civic-ledger/read-models';
import { PartyChanges, PointInTime } from '@civic-ledger/audit';
import { CommandOutcome, WriteContext } from '../application/command-runner';
import { Intent } from '../application/intent';

export type PartyIntent = Intent<PartyCommand, 'toPartyKnown' | 'survivorKnown'>;

export class ExecutePartyCommand extends Command<CommandOutcome> {
  constructor(readonly intent: PartyIntent, readonly ctx: WriteContext) {
    super();
  }
}

export class GetPartyQuery extends Query<PartyView> {
  constructor(readonly partyId: string, readonly at: PointInTime) {
    super();
  }
}

export class SearchPartiesQuery extends Query<PartyView[]> {
  constructor(readonly criteria: PartySearch) {
    super();
  }
}

export class GetTimelineQuery extends Query<Page<TimelineEntry>> {
  constructor(readonly partyId: string, readonly filter: TimelineFilter, readonly limit: number, readonly cursor: string | undefined, readonly at: PointInTime) {
    super();
  }
}

export class ExportPartyQuery extends Query<RecordedEvent[]> {
  constructor(readonly partyId: string) {
    super();
  }
}

export class PartyChangesQuery extends Query<PartyChanges> {
  constructor(readonly partyId: string, readonly from: string, readonly to: string) {
    super();
  }
}
