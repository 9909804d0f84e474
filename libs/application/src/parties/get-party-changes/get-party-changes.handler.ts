import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore } from '@civic-ledger/event-store';
import { READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { PartyChanges, partyChanges } from '@civic-ledger/audit';
import { readScope } from '../../access';
import { notFound, seenParty, shownIn } from '../party-reads';
import { RecordVisibility } from '../record-visibility';
import { PartyChangesQuery } from './get-party-changes.query';

@QueryHandler(PartyChangesQuery)
export class PartyChangesHandler implements IQueryHandler<PartyChangesQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore, @Inject(EVENT_STORE) private readonly events: EventStore) {}

  async execute({ partyId, from, to, principal }: PartyChangesQuery): Promise<PartyChanges> {
    await seenParty(this.views, principal, 'party.replay', partyId);
    const scope = readScope(principal);
    const visible = new RecordVisibility(this.views, principal, partyId);
    const changes = await partyChanges(this.events, this.views, partyId, from, to, {
      keep: (e) => visible.keep(e),
      show: async (replay) => replay.party && shownIn(scope, replay.party, replay.cells),
    });
    if (!changes) throw notFound();
    return changes;
  }
}
