import { Inject } from '@nestjs/common';
import { Command, CommandHandler, ICommandHandler, IQueryHandler, Query, QueryHandler } from '@nestjs/cqrs';
import {
  CheckpointFailure, CheckpointSigner, consistencyProof, createCheckpoint, inclusionProof, ledgerLeaves, listCheckpoints, SignedCheckpoint,
  verifyChains, verifyCheckpoints, VerifyReport,
} from '@civic-ledger/audit';
import { EventStore } from '@civic-ledger/event-store';
import { AccessLogEntry, findAccess, Page, READ_STORE, ReadStore } from '@civic-ledger/read-models';
import { ApplicationError } from '../shared/application-error';
import { AUDIT_SIGNER, STORED_EVENTS } from '../shared/ports';

export type LedgerVerification = VerifyReport & { checkpoints: { checked: number; failures: CheckpointFailure[] } };

/** Every hash chain from genesis to head, and every signed checkpoint against the ledger. */
export class VerifyLedgerQuery extends Query<LedgerVerification> {}

@QueryHandler(VerifyLedgerQuery)
export class VerifyLedgerHandler implements IQueryHandler<VerifyLedgerQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore, @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute(): Promise<LedgerVerification> {
    const chains = await verifyChains(this.events);
    const checkpoints = await verifyCheckpoints(this.events, this.signer.publicKeyPem);
    return { ...chains, ok: chains.ok && checkpoints.failures.length === 0, checkpoints };
  }
}

/** Who looked at a party, or what a user looked at (the access ledger), newest first. */
export class AccessLogQuery extends Query<Page<AccessLogEntry>> {
  constructor(readonly by: { partyId: string } | { actor: string }, readonly limit: number, readonly cursor?: string) {
    super();
  }
}

@QueryHandler(AccessLogQuery)
export class AccessLogHandler implements IQueryHandler<AccessLogQuery> {
  constructor(@Inject(READ_STORE) private readonly views: ReadStore) {}

  execute({ by, limit, cursor }: AccessLogQuery): Promise<Page<AccessLogEntry>> {
    return findAccess(this.views, by, limit, cursor);
  }
}

/** Signs a checkpoint (Merkle root of the whole ledger) now. */
export class SignCheckpointCommand extends Command<SignedCheckpoint> {}

@CommandHandler(SignCheckpointCommand)
export class SignCheckpointHandler implements ICommandHandler<SignCheckpointCommand> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore, @Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  execute(): Promise<SignedCheckpoint> {
    return createCheckpoint(this.events, this.signer, new Date());
  }
}

export class ListCheckpointsQuery extends Query<SignedCheckpoint[]> {}

@QueryHandler(ListCheckpointsQuery)
export class ListCheckpointsHandler implements IQueryHandler<ListCheckpointsQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  execute(): Promise<SignedCheckpoint[]> {
    return listCheckpoints(this.events);
  }
}

export class PublicKeyQuery extends Query<{ algorithm: 'Ed25519'; publicKeyPem: string }> {}

@QueryHandler(PublicKeyQuery)
export class PublicKeyHandler implements IQueryHandler<PublicKeyQuery> {
  constructor(@Inject(AUDIT_SIGNER) private readonly signer: CheckpointSigner) {}

  async execute(): Promise<{ algorithm: 'Ed25519'; publicKeyPem: string }> {
    return { algorithm: 'Ed25519', publicKeyPem: this.signer.publicKeyPem };
  }
}

const hex = (proof: Buffer[]) => proof.map((b) => b.toString('hex'));

async function checkpointOfSize(events: EventStore, treeSize: number | undefined, field: string): Promise<SignedCheckpoint> {
  const all = await listCheckpoints(events);
  const found = treeSize === undefined ? all[all.length - 1] : all.find((c) => c.treeSize === treeSize);
  if (!found) throw new ApplicationError('VALIDATION.FAILED', 'No signed checkpoint of that tree size; list them at /v1/audit/checkpoints or sign one.', [{ field, messages: ['no such checkpoint'] }]);
  return found;
}

export interface InclusionProof { position: number; leafIndex: number; treeSize: number; rootHash: string; proof: string[] }

/** Inclusion proof of the event at a position in a signed checkpoint (the latest by default). */
export class InclusionProofQuery extends Query<InclusionProof> {
  constructor(readonly position: number, readonly treeSize?: number) {
    super();
  }
}

@QueryHandler(InclusionProofQuery)
export class InclusionProofHandler implements IQueryHandler<InclusionProofQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async execute({ position, treeSize }: InclusionProofQuery): Promise<InclusionProof> {
    const checkpoint = await checkpointOfSize(this.events, treeSize, 'treeSize');
    const { leaves, positions } = await ledgerLeaves(this.events, checkpoint.position);
    const leafIndex = positions.indexOf(position);
    if (leafIndex < 0 || leafIndex >= checkpoint.treeSize) {
      throw new ApplicationError('VALIDATION.FAILED', 'No event at that position is covered by the checkpoint.', [{ field: 'position', messages: ['not covered by the checkpoint'] }]);
    }
    return { position, leafIndex, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, proof: hex(inclusionProof(leaves, leafIndex, checkpoint.treeSize)) };
  }
}

export interface ConsistencyProof { first: number; second: number; firstRootHash: string; secondRootHash: string; proof: string[] }

/** Proof that the checkpoint of tree size `second` extends the one of size `first`. */
export class ConsistencyProofQuery extends Query<ConsistencyProof> {
  constructor(readonly first: number, readonly second: number) {
    super();
  }
}

@QueryHandler(ConsistencyProofQuery)
export class ConsistencyProofHandler implements IQueryHandler<ConsistencyProofQuery> {
  constructor(@Inject(STORED_EVENTS) private readonly events: EventStore) {}

  async execute(q: ConsistencyProofQuery): Promise<ConsistencyProof> {
    const first = await checkpointOfSize(this.events, q.first, 'first');
    const second = await checkpointOfSize(this.events, q.second, 'second');
    if (first.treeSize > second.treeSize) throw new ApplicationError('VALIDATION.FAILED', 'first must not be larger than second.', [{ field: 'first', messages: ['must be <= second'] }]);
    const { leaves } = await ledgerLeaves(this.events, second.position);
    return { first: first.treeSize, second: second.treeSize, firstRootHash: first.rootHash, secondRootHash: second.rootHash, proof: hex(consistencyProof(leaves, first.treeSize, second.treeSize)) };
  }
}

export const AUDIT_QUERY_HANDLERS = [
  VerifyLedgerHandler, AccessLogHandler, SignCheckpointHandler, ListCheckpointsHandler, PublicKeyHandler, InclusionProofHandler, ConsistencyProofHandler,
];
