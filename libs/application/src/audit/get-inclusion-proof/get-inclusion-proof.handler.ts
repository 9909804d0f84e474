import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { inclusionProof, ledgerLeaves } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { ApplicationError } from '../../shared/application-error';
import { STORED_EVENTS } from '../../shared/ports';
import { checkpointOfSize, hex } from '../signed-checkpoints';
import { InclusionProof, InclusionProofQuery } from './get-inclusion-proof.query';

@QueryHandler(InclusionProofQuery)
export class InclusionProofHandler implements IQueryHandler<InclusionProofQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async execute({ principal, position, treeSize }: InclusionProofQuery): Promise<InclusionProof> {
    requireAccess(principal, 'audit.proofs');
    const checkpoint = await checkpointOfSize(this.events, treeSize, 'treeSize');
    const { leaves, positions } = await ledgerLeaves(this.events, checkpoint.position);
    const leafIndex = positions.indexOf(position);
    if (leafIndex < 0 || leafIndex >= checkpoint.treeSize) {
      throw new ApplicationError('VALIDATION.FAILED', 'No event at that position is covered by the checkpoint.', [{ field: 'position', messages: ['not covered by the checkpoint'] }]);
    }
    return { position, leafIndex, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, proof: hex(inclusionProof(leaves, leafIndex, checkpoint.treeSize)) };
  }
}
