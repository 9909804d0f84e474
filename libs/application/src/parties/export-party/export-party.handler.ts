import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { EVENT_STORE, EventStore, RecordedEvent } from '@civic-ledger/event-store';
import { READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { partyStreamIds, readStreamsInOrder } from '@civic-ledger/audit';
import { seenParty } from '../party-reads';
import { RecordVisibility } from '../record-visibility';
import { ExportPartyQuery } from './export-party.query';

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
