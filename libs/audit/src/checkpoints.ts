import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, KeyObject, randomUUID, sign, verify } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CHECKPOINT_STREAM, checkpointStreamId, LEDGER_CHECKPOINT_SIGNED, LedgerCheckpointSigned, SignedCheckpoint } from '@civic-ledger/domain';
import { EventStore, StreamNotFound } from '@civic-ledger/event-store';
import { leafHash, treeHead } from './merkle';

/** Signed checkpoints are themselves ledger events (LedgerCheckpointSigned, defined in libs/domain). */
export { CHECKPOINT_STREAM };
export type { SignedCheckpoint };
export const CHECKPOINT_EVENT = LEDGER_CHECKPOINT_SIGNED;

type Statement = Pick<SignedCheckpoint, 'treeSize' | 'position' | 'rootHash' | 'signedAt'>;

function statementBytes(s: Statement): Buffer {
  return Buffer.from(canonicalize({ treeSize: s.treeSize, position: s.position, rootHash: s.rootHash, signedAt: s.signedAt }) ?? '');
}

export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** Ed25519 signing key for checkpoints. */
export class CheckpointSigner {
  private readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
  }

  static fromPem(pem: string): CheckpointSigner {
    return new CheckpointSigner(createPrivateKey(pem));
  }

  static generatePem(): string {
    return generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  get publicKeyPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(statement: Statement): SignedCheckpoint {
    return { ...statement, algorithm: 'Ed25519', keyId: keyIdOf(this.publicKey), signature: sign(null, statementBytes(statement), this.privateKey).toString('base64') };
  }
}

export function verifyCheckpointSignature(checkpoint: SignedCheckpoint, publicKeyPem: string): boolean {
  try {
    return verify(null, statementBytes(checkpoint), createPublicKey(publicKeyPem), Buffer.from(checkpoint.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Leaf hashes of every event (in global order) up to a position, with their positions. */
export async function ledgerLeaves(events: EventStore, upToPosition = Number.MAX_SAFE_INTEGER): Promise<{ leaves: Buffer[]; positions: number[] }> {
  const leaves: Buffer[] = [];
  const positions: number[] = [];
  for (let from = 0; ;) {
    const batch = await events.readAll({ fromPosition: from, limit: 5000 });
    for (const event of batch) {
      if (event.position > upToPosition) return { leaves, positions };
      leaves.push(leafHash(event.hash));
      positions.push(event.position);
    }
    if (batch.length === 0) return { leaves, positions };
    from = batch[batch.length - 1].position;
  }
}

/** Computes the Merkle root of the whole ledger now, signs it, and appends it as an event. */
export async function createCheckpoint(events: EventStore, signer: CheckpointSigner, now: Date): Promise<SignedCheckpoint> {
  const { leaves, positions } = await ledgerLeaves(events);
  const checkpoint = signer.sign({ treeSize: leaves.length, position: positions[positions.length - 1] ?? 0, rootHash: treeHead(leaves).toString('hex'), signedAt: now.toISOString() });
  const data: LedgerCheckpointSigned['data'] = checkpoint;
  await events.append(checkpointStreamId(), [{
    id: randomUUID(),
    type: LEDGER_CHECKPOINT_SIGNED, data: { ...data }, occurredAt: checkpoint.signedAt, actor: 'system:checkpointer',
    correlationId: checkpoint.rootHash, causationId: null, schemaVersion: 1,
  }], 'any');
  return checkpoint;
}

export async function listCheckpoints(events: EventStore): Promise<SignedCheckpoint[]> {
  try {
    return (await events.readStream(checkpointStreamId())).map((e) => e.data as unknown as SignedCheckpoint);
  } catch (error) {
    if (error instanceof StreamNotFound) return [];
    throw error;
  }
}

export interface CheckpointFailure {
  treeSize: number;
  problem: 'signature-invalid' | 'root-mismatch' | 'ledger-shorter';
}

/** Every checkpoint's signature, and its root recomputed from the ledger as it is now. */
export async function verifyCheckpoints(events: EventStore, publicKeyPem: string): Promise<{ checked: number; failures: CheckpointFailure[] }> {
  const checkpoints = await listCheckpoints(events);
  if (checkpoints.length === 0) return { checked: 0, failures: [] };
  const { leaves } = await ledgerLeaves(events);
  const failures: CheckpointFailure[] = [];
  for (const c of checkpoints) {
    if (!verifyCheckpointSignature(c, publicKeyPem)) failures.push({ treeSize: c.treeSize, problem: 'signature-invalid' });
    else if (c.treeSize > leaves.length) failures.push({ treeSize: c.treeSize, problem: 'ledger-shorter' });
    else if (treeHead(leaves, c.treeSize).toString('hex') !== c.rootHash) failures.push({ treeSize: c.treeSize, problem: 'root-mismatch' });
  }
  return { checked: checkpoints.length, failures };
}
