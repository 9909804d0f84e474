import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { CheckpointSigner, partyBundleDocument } from '@civic-ledger/audit';
import { DomainError } from '@civic-ledger/domain';
import { EventStore } from '@civic-ledger/event-store';
import { COLLECTIONS, PartyView, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { requireAccess } from '../../access/access-policy';
import { AUDIT_SIGNER, STORED_EVENTS } from '../../shared/ports';
import { ExportBundleQuery, ExportedBundle } from './export-bundle.query';

/**
 * The bundle holds every event of the party's record as stored (personal fields sealed), its hash chains and
 * inclusion proofs against a signed checkpoint (signed now when none covers the record yet). Only a role that
 * reads every record of every department at every level (party.bundle: auditors) may take it, so nothing in
 * it is filtered and its chains stay whole.
 */
@QueryHandler(ExportBundleQuery)
export class ExportBundleHandler implements IQueryHandler<ExportBundleQuery> {
  constructor(
    @Inject(READ_STORE) private readonly views: ReadStore,
    @Inject(STORED_EVENTS) private readonly events: EventStore,
    @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner,
  ) {}

  async execute({ partyId, asOf, principal }: ExportBundleQuery): Promise<ExportedBundle> {
    const party = await this.views.get<PartyView>(COLLECTIONS.parties, partyId);
    if (!party) throw new DomainError('PARTY.NOT_FOUND', 'The party does not exist.');
    requireAccess(principal, 'party.bundle', { kind: 'party', departments: party.departments });
    try {
      return await partyBundleDocument(this.events, this.views, this.signer, partyId, asOf, new Date());
    } catch (error) {
      if (error instanceof Error && / was not known as of /.test(error.message)) throw new DomainError('PARTY.NOT_FOUND', 'The party was not known at that time.');
      throw error;
    }
  }
}
