import { isCorrespondenceEvent, isInteractionEvent, isPartyEvent, LedgerEvent, partyStreamId } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { asLedgerEvent, COLLECTIONS, CorrespondenceView, InteractionView, PartyView, ReadStore } from '@civic-ledger/read-models';
import { can, inScope, Principal, ReadScope, readScope } from '../access';

/**
 * Which events of a party's record a reader may see in a derived read (diff, export): the party's own, a
 * linked party's only if the reader sees that party, interactions and correspondence by their current rights.
 */
export class RecordVisibility {
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
