import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { consistencyProof, ledgerLeaves } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { ApplicationError } from '../../shared/application-error';
import { STORED_EVENTS } from '../../shared/ports';
import { checkpointOfSize, hex } from '../signed-checkpoints';
import { ConsistencyProof, ConsistencyProofQuery } from './get-consistency-proof.query';

@QueryHandler(ConsistencyProofQuery)
export class ConsistencyProofHandler implements IQueryHandler<ConsistencyProofQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async execute(q: ConsistencyProofQuery): Promise<ConsistencyProof> {
    requireAccess(q.principal, 'audit.proofs');
    const first = await checkpointOfSize(this.events, q.first, 'first');
    const second = await checkpointOfSize(this.events, q.second, 'second');
    if (first.treeSize > second.treeSize) throw new ApplicationError('VALIDATION.FAILED', 'first must not be larger than second.', [{ field: 'first', messages: ['must be <= second'] }]);
    const { leaves } = await ledgerLeaves(this.events, second.position);
    return { first: first.treeSize, second: second.treeSize, firstRootHash: first.rootHash, secondRootHash: second.rootHash, proof: hex(consistencyProof(leaves, first.treeSize, second.treeSize)) };
  }
}
