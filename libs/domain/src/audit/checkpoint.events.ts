import { DomainEvent } from '../shared/decider';

/** Signed checkpoints are themselves ledger events, all in one stream. */
export const LEDGER_CHECKPOINT_SIGNED = 'LedgerCheckpointSigned';
export const CHECKPOINT_STREAM = 'ledger-checkpoints';

/** A signed statement: "the first treeSize events of the ledger (up to position) have this Merkle root". */
export interface SignedCheckpoint {
  treeSize: number;
  position: number;
  /** RFC 9162 Merkle tree head over the events' hashes, hex. */
  rootHash: string;
  signedAt: string;
  algorithm: 'Ed25519';
  /** First 16 hex digits of the SHA-256 of the signing key's SPKI. */
  keyId: string;
  /** Base64 Ed25519 signature over the canonical JSON of treeSize, position, rootHash and signedAt. */
  signature: string;
}

export type LedgerCheckpointSigned = DomainEvent<typeof LEDGER_CHECKPOINT_SIGNED, SignedCheckpoint>;

/** The one stream that holds every signed checkpoint. */
export function checkpointStreamId(): string {
  return CHECKPOINT_STREAM;
}
