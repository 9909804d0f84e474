import { Query } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';

export interface InclusionProof { position: number; leafIndex: number; treeSize: number; rootHash: string; proof: string[] }

/** Inclusion proof of the event at a position in a signed checkpoint (the latest by default). */
export class InclusionProofQuery extends Query<InclusionProof> {
  constructor(readonly principal: Principal, readonly position: number, readonly treeSize?: number) {
    super();
  }
}
