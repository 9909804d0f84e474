import { Query } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';

export interface ConsistencyProof { first: number; second: number; firstRootHash: string; secondRootHash: string; proof: string[] }

/** Proof that the checkpoint of tree size `second` extends the one of size `first`. */
export class ConsistencyProofQuery extends Query<ConsistencyProof> {
  constructor(readonly principal: Principal, readonly first: number, readonly second: number) {
    super();
  }
}
