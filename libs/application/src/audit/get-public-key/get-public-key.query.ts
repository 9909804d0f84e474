import { Query } from '@nestjs/cqrs';
import { Principal } from '../../access/roles';

export interface LedgerPublicKey { algorithm: 'Ed25519'; publicKeyPem: string }

/** The key that verifies the ledger's signed checkpoints. */
export class PublicKeyQuery extends Query<LedgerPublicKey> {
  constructor(readonly principal: Principal) {
    super();
  }
}
