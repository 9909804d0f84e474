import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError } from '@civic-ledger/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { COLLECTIONS, findTimeline, Page, PartyView, READ_STORE, ReadStore, searchParties, TimelineEntry } from '@civic-ledger/read-models';
import { PartyChanges, partyChanges, partyStreamIds, PointInTime, readStreamsInOrder, replayParty } from '@civic-ledger/audit';
import { ExportPartyQuery, GetPartyQuery, GetTimelineQuery, PartyChangesQuery, SearchPartiesQuery } from './party.messages';

const notFound = () => new DomainError('PARTY.NOT_FOUND', 'The party does not exist (or did not exist at that time).');
const isHistorical = (at: PointInTime) => at.asOf !== undefined || at.occurredBy !== undefined;

@QueryHandler(GetPartyQuery)
export class GetPartyHandler implements IQueryHandler<GetPartyQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, at }: GetPartyQuery): Promise<PartyView> {
    const party = isHistorical(at)
      ? (await replayParty(this.events, this.views, partyId, at)).party
      : await this.views.get<PartyView>(COLLECTIONS.parties, partyId);
    if (!party) throw notFound();
    return party;
  }
}

@QueryHandler(SearchPartiesQuery)
export class SearchPartiesHandler implements IQueryHandler<SearchPartiesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ criteria }: SearchPartiesQuery): Promise<PartyView[]> {
    return searchParties(this.views, criteria);
  }
}

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, filter, limit, cursor, at }: GetTimelineQuery): Promise<Page<TimelineEntry>> {
    if (isHistorical(at)) {
      const replay = await replayParty(this.events, this.views, partyId, at);
      if (!replay.party) throw notFound();
      return replay.timeline(filter, limit, cursor);
    }
    const party = await this.views.get<PartyView>(COLLECTIONS.parties, partyId);
    if (!party) throw notFound();
    return findTimeline(this.views, [party.id, ...party.mergedFrom], filter, limit, cursor);
  }
}

@QueryHandler(ExportPartyQuery)
export class ExportPartyHandler implements IQueryHandler<ExportPartyQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId }: ExportPartyQuery): Promise<RecordedEvent[]> {
    const streams = await partyStreamIds(this.views, partyId);
    if (streams.length === 0) throw notFound();
    return readStreamsInOrder(this.events, streams);
  }
}

@QueryHandler(PartyChangesQuery)
export class PartyChangesHandler implements IQueryHandler<PartyChangesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, from, to }: PartyChangesQuery): Promise<PartyChanges> {
    const changes = await partyChanges(this.events, this.views, partyId, from, to);
    if (!changes) throw notFound();
    return changes;
  }
}

export const PARTY_QUERY_HANDLERS = [GetPartyHandler, SearchPartiesHandler, GetTimelineHandler, ExportPartyHandler, PartyChangesHandler];
