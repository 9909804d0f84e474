import { Inject } from '@nestjs/common';
import { IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { requireAccess } from '../../access/access-policy';
import { CheckpointSigner, verifyChains, verifyCheckpoints } from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { AUDIT_SIGNER, STORED_EVENTS } from '../../shared/ports';
import { LedgerVerification, VerifyLedgerQuery } from './verify-ledger.query';

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore, @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute({ principal }: VerifyLedgerQuery): Promise<LedgerVerification> {
    requireAccess(principal, 'audit.verify');
    const chains = await verifyChains(this.events);
    const checkpoints = await verifyCheckpoints(this.events, this.signer.publicKeyPem);
    return { ...chains, ok: chains.ok && checkpoints.failures.length === 0, checkpoints };
  }
}
