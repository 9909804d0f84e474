import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { PartyView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { replayParty } from '@civic-ledger/audit';
import { ownedPartyViewFor, readScope } from '../../access';
import { isHistorical, liveCells, notFound, seenParty, shownIn } from '../party-reads';
import { GetPartyQuery } from './get-party.query';

@QueryHandler(GetPartyQuery)
export class GetPartyHandler implements IQueryHandler<GetPartyQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, at, principal }: GetPartyQuery): Promise<PartyView> {
    const party = await seenParty(this.views, principal, isHistorical(at) ? 'party.replay' : 'party.read', partyId);
    const scope = readScope(principal);
    // The live document was read for this answer alone (and its cells are read before it changes): the answer is made of it.
    if (!isHistorical(at)) return ownedPartyViewFor(scope, party, await liveCells(this.views, party)());
    const replay = await replayParty(this.events, this.views, partyId, at);
    if (!replay.party) throw notFound();
    return shownIn(scope, replay.party, replay.cells);
  }
}
