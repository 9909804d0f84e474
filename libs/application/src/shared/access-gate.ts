import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@civic-ledger/domain';
import { Action, requireAccess } from '../access/access-policy';
import { Principal } from '../access/roles';
import { COLLECTIONS, PartyView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { AggregateFacts, CorrespondenceFacts, InteractionFacts, PartyFacts } from './aggregate-facts';

/**
 * Looks up the record a use case touches in the event store (the source of truth, not the lagging read
 * models) and asks the one access policy about it: unknown ids are 404, records the principal may not
 * see are 403, for writes exactly as for reads. The facts come from AggregateFacts (checked against the
 * stream's current revision, never decrypted), so the command runner is the only one that reads the
 * changed record's whole stream.
 */
@Injectable()
export class AccessGate {
  constructor(private readonly facts: AggregateFacts, @Inject(READ_STORE) private readonly views: ReadStore) {}

  /** Departments that see the party: registration and grants from its stream, and contacts recorded before grants existed. */
  async partyDepartments(party: PartyFacts): Promise<string[]> {
    const view = await this.views.get<PartyView>(COLLECTIONS.parties, party.partyId);
    return [...new Set([...party.departments, ...(view?.departments ?? [])])];
  }

  async party(principal: Principal, action: Action, partyId: string): Promise<PartyFacts> {
    const party = await this.facts.party(partyId);
    if (!party) throw new DomainError('PARTY.NOT_FOUND', 'The party does not exist.');
    requireAccess(principal, action, { kind: 'party', departments: await this.partyDepartments(party) });
    return party;
  }

  async interaction(principal: Principal, action: Action, interactionId: string): Promise<InteractionFacts> {
    const interaction = await this.facts.interaction(interactionId);
    if (!interaction) throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
    requireAccess(principal, action, { kind: 'interaction', department: interaction.department, confidentiality: interaction.confidentiality });
    return interaction;
  }

  async correspondence(principal: Principal, action: Action, correspondenceId: string): Promise<CorrespondenceFacts> {
    const correspondence = await this.facts.correspondence(correspondenceId);
    if (!correspondence) throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
    requireAccess(principal, action, { kind: 'correspondence', department: correspondence.department });
    return correspondence;
  }
}
