import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { CheckpointSigner } from '@civic-ledger/audit';
import { AUDIT_SIGNER } from '../../shared/ports';
import { LedgerPublicKey, PublicKeyQuery } from './get-public-key.query';

@QueryHandler(PublicKeyQuery)
export class PublicKeyHandler implements IQueryHandler<PublicKeyQuery> {
  constructor(@Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute({ principal }: PublicKeyQuery): Promise<LedgerPublicKey> {
    requireAccess(principal, 'audit.public-key');
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem };
  }
}
