import { Inject, Injectable } from '@nestjs/common';
import {
  correspondenceDecider, correspondenceStreamId, CorrespondenceState, DomainError, interactionDecider, interactionStreamId,
  InteractionState, partyDecider, partyDepartments, PartyState, partyStreamId,
} from '@civic-ledger/domain';
import { Action, requireAccess } from '../access/access-policy';
import { Principal } from '../access/roles';
import { COLLECTIONS, PartyView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { CommandRunner } from './command-runner';

type Known<S> = Exclude<S, { status: 'unknown' }>;

/**
 * Loads the record a use case touches from the event store (the source of truth, not the lagging read
 * models) and asks the one access policy about it: unknown ids are 404, records the principal may not
 * see are 403, for writes exactly as for reads.
 */
@Injectable()
export class AccessGate {
  constructor(private readonly runner: CommandRunner, @Inject(READ_STORE) private readonly views: ReadStore) {}

  /** Departments that see the party: registration and grants from its stream, and contacts recorded before grants existed. */
  async partyDepartments(partyId: string, state: PartyState): Promise<string[]> {
    const view = await this.views.get<PartyView>(COLLECTIONS.parties, partyId);
    return [...new Set([...partyDepartments(state), ...(view?.departments ?? [])])];
  }

  async party(principal: Principal, action: Action, partyId: string): Promise<Known<PartyState>> {
    const state = await this.runner.state(partyDecider, partyStreamId(partyId));
    if (state.status === 'unknown') throw new DomainError('PARTY.NOT_FOUND', 'The party does not exist.');
    requireAccess(principal, action, { kind: 'party', departments: await this.partyDepartments(partyId, state) });
    return state;
  }

  async interaction(principal: Principal, action: Action, interactionId: string): Promise<Known<InteractionState>> {
    const state = await this.runner.state(interactionDecider, interactionStreamId(interactionId));
    if (state.status === 'unknown') throw new DomainError('INTERACTION.NOT_FOUND', 'The interaction does not exist.');
    requireAccess(principal, action, { kind: 'interaction', department: state.details.department, confidentiality: state.confidentiality });
    return state;
  }

  async correspondence(principal: Principal, action: Action, correspondenceId: string): Promise<Known<CorrespondenceState>> {
    const state = await this.runner.state(correspondenceDecider, correspondenceStreamId(correspondenceId));
    if (state.status === 'unknown') throw new DomainError('CORRESPONDENCE.NOT_FOUND', 'The correspondence does not exist.');
    requireAccess(principal, action, { kind: 'correspondence', department: state.department });
    return state;
  }
}
