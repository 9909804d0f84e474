import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DomainError, isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, partyStreamId } from '@civic-ledger/domain';
import { EVENT_STORE, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import {
  asLedgerEvent, COLLECTIONS, contactSummary, CorrespondenceView, findTimeline, InteractionView, Page, PartyView, READ_STORE, ReadStore, searchParties,
  TimelineEntry, TimelineFilter,
} from '@civic-ledger/read-models';
import { PartyChanges, partyChanges, partyStreamIds, PointInTime, readStreamsInOrder, replayParty } from '@civic-ledger/audit';
import { Action, can, ContactSummary, inScope, partyViewFor, Principal, ReadScope, readScope, requireAccess } from '../access';
import { ExportPartyQuery, GetPartyQuery, GetTimelineQuery, PartyChangesQuery, SearchPartiesQuery, SearchResult } from './party.messages';

const notFound = () => new DomainError('PARTY.NOT_FOUND', 'The party does not exist (or did not exist at that time).');
const isHistorical = (at: PointInTime) => at.asOf !== undefined || at.occurredBy !== undefined;

/** The timeline filter of a reader: departments, confidentiality levels and kinds of entries it may see. */
export function scopeFilter(scope: ReadScope): Pick<TimelineFilter, 'departments' | 'confidentiality' | 'kinds'> {
  return { departments: scope.departments ?? undefined, confidentiality: scope.confidentiality, kinds: scope.kinds };
}

type Summarise = (filter: ReturnType<typeof scopeFilter>) => Promise<ContactSummary>;

/** A party's view as the scope shows it; counts are summarised (live or replayed) only when the scope filters anything. */
async function shownIn(scope: ReadScope, party: PartyView, summarise: Summarise): Promise<PartyView> {
  return partyViewFor(scope, party, scope.unrestricted ? null : await summarise(scopeFilter(scope)));
}

/** Contact counts of a live party (and the parties merged into it). */
const liveSummary = (views: ReadStore, party: PartyView): Summarise => (filter) => contactSummary(views, [party.id, ...party.mergedFrom], filter);

/** The live party, checked against the one policy (unknown 404, not seen 403). */
async function seenParty(views: ReadStore, principal: Principal, action: Action, partyId: string): Promise<PartyView> {
  const party = await views.get<PartyView>(COLLECTIONS.parties, partyId);
  if (!party) throw notFound();
  requireAccess(principal, action, { kind: 'party', departments: party.departments });
  return party;
}

@QueryHandler(GetPartyQuery)
export class GetPartyHandler implements IQueryHandler<GetPartyQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, at, principal }: GetPartyQuery): Promise<PartyView> {
    const scope = readScope(principal);
    if (!isHistorical(at)) {
      const party = await seenParty(this.views, principal, 'party.read', partyId);
      return shownIn(scope, party, liveSummary(this.views, party));
    }
    await seenParty(this.views, principal, 'party.replay', partyId);
    const replay = await replayParty(this.events, this.views, partyId, at);
    if (!replay.party) throw notFound();
    return shownIn(scope, replay.party, replay.summary);
  }
}

@QueryHandler(SearchPartiesQuery)
export class SearchPartiesHandler implements IQueryHandler<SearchPartiesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  /**
   * Parties the reader sees, as it may see them. An exact match (e-mail, phone, identifier; never a name) on
   * a party held by another department comes back as a stub, so staff break the glass instead of registering a duplicate.
   */
  async execute({ criteria, principal }: SearchPartiesQuery): Promise<SearchResult[]> {
    requireAccess(principal, 'party.read');
    const scope = readScope(principal);
    const exact = !criteria.q;
    const results: SearchResult[] = [];
    for (const party of await searchParties(this.views, criteria)) {
      if (can(principal, 'party.read', { kind: 'party', departments: party.departments })) {
        results.push({ visible: true, party: await shownIn(scope, party, liveSummary(this.views, party)) });
      } else if (exact) {
        results.push({ visible: false, stub: { id: party.id, heldByAnotherDepartment: true } });
      }
    }
    return results;
  }
}

@QueryHandler(GetTimelineQuery)
export class GetTimelineHandler implements IQueryHandler<GetTimelineQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, filter, limit, cursor, at, principal }: GetTimelineQuery): Promise<Page<TimelineEntry>> {
    const scoped = { ...filter, ...scopeFilter(readScope(principal)) };
    if (isHistorical(at)) {
      await seenParty(this.views, principal, 'party.replay', partyId);
      const replay = await replayParty(this.events, this.views, partyId, at);
      if (!replay.party) throw notFound();
      return replay.timeline(scoped, limit, cursor);
    }
    const party = await seenParty(this.views, principal, 'party.timeline', partyId);
    return findTimeline(this.views, [party.id, ...party.mergedFrom], scoped, limit, cursor);
  }
}

@QueryHandler(ExportPartyQuery)
export class ExportPartyHandler implements IQueryHandler<ExportPartyQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, principal }: ExportPartyQuery): Promise<RecordedEvent[]> {
    await seenParty(this.views, principal, 'party.export', partyId);
    const streams = await partyStreamIds(this.views, partyId);
    const visible = new RecordVisibility(this.views, principal, partyId);
    const events: RecordedEvent[] = [];
    for (const e of await readStreamsInOrder(this.events, streams)) if (await visible.keep(e)) events.push(e);
    return events;
  }
}

/**
 * Which events of a party's record a reader may see in a derived read (diff, export): the party's own, a
 * linked party's only if the reader sees that party, interactions and correspondence by their current rights.
 */
class RecordVisibility {
  private readonly scope: ReadScope;

  constructor(private readonly views: ReadStore, private readonly principal: Principal, private readonly partyId: string) {
    this.scope = readScope(principal);
  }

  async keep(e: RecordedEvent): Promise<boolean> {
    const event: LedgerEvent = asLedgerEvent(e);
    if (isPartyEvent(event)) {
      if (e.streamId === partyStreamId(this.partyId)) return true;
      const other = await this.views.get<PartyView>(COLLECTIONS.parties, event.data.partyId);
      return other !== null && can(this.principal, 'party.read', { kind: 'party', departments: other.departments });
    }
    if (isInteractionEvent(event)) {
      const current = await this.views.get<InteractionView>(COLLECTIONS.interactions, event.data.interactionId);
      return current !== null && inScope(this.scope, { kind: 'interaction', department: current.department, confidentiality: current.confidentiality });
    }
    if (isCorrespondenceEvent(event)) {
      const current = await this.views.get<CorrespondenceView>(COLLECTIONS.correspondence, event.data.correspondenceId);
      return current !== null && inScope(this.scope, { kind: 'correspondence', department: current.department });
    }
    return false;
  }
}

@QueryHandler(PartyChangesQuery)
export class PartyChangesHandler implements IQueryHandler<PartyChangesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, from, to, principal }: PartyChangesQuery): Promise<PartyChanges> {
    await seenParty(this.views, principal, 'party.replay', partyId);
    const scope = readScope(principal);
    const visible = new RecordVisibility(this.views, principal, partyId);
    const changes = await partyChanges(this.events, this.views, partyId, from, to, {
      keep: (e) => visible.keep(e),
      show: async (replay) => replay.party && shownIn(scope, replay.party, replay.summary),
    });
    if (!changes) throw notFound();
    return changes;
  }
}

export const PARTY_QUERY_HANDLERS = [GetPartyHandler, SearchPartiesHandler, GetTimelineHandler, ExportPartyHandler, PartyChangesHandler];
