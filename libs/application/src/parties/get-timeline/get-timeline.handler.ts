import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { findTimeline, Page, READ_STORE, ReadStore, TimelineEntry } from '@civic-ledger/read-models';
import { replayParty } from '@civic-ledger/audit';
import { readScope } from '../../access';
import { isHistorical, notFound, scopeFilter, seenParty } from '../party-reads';
import { GetTimelineQuery } from './get-timeline.query';

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, filter, limit, cursor, at, principal }: GetTimelineQuery): Promise<Page<TimelineEntry>> {
    const party = await seenParty(this.views, principal, isHistorical(at) ? 'party.replay' : 'party.timeline', partyId);
    const scoped = { ...filter, ...scopeFilter(readScope(principal)) };
    if (!isHistorical(at)) return findTimeline(this.views, [party.id, ...party.mergedFrom], scoped, limit, cursor);
    const replay = await replayParty(this.events, this.views, partyId, at);
    if (!replay.party) throw notFound();
    return replay.timeline(scoped, limit, cursor);
  }
}
