/**
 * Per-subject data keys for field encryption (crypto-shredding). A subject is a party: every personal
 * field about it is sealed with its data key, and destroying the key erases the data everywhere the
 * ciphertext went (event store, backups, replicas) without touching an event.
 */
export interface KeyVault {
  /** The subject's data key, created on first use. Throws KeyDestroyed once the key was destroyed. */
  dataKey(subjectId: string): Promise<Buffer>;
  /** The key if it exists and was not destroyed, else null (reads then show the data as erased). */
  findKey(subjectId: string): Promise<Buffer | null>;
  /**
   * Whether the subject's key exists and was not destroyed, read from storage (never from a cache), so
   * that a destroy by another process is seen at once. Anything that sends decrypted data out of the
   * process checks this right before sending.
   */
  isLive(subjectId: string): Promise<boolean>;
  /** Destroys the key for good. Idempotent. */
  destroy(subjectId: string): Promise<void>;
  close(): Promise<void>;
}

export const KEY_VAULT = Symbol('KEY_VAULT');

export class KeyDestroyed extends Error {
  constructor(readonly subjectId: string) {
    super(`The data key of ${subjectId} was destroyed (the party was erased).`);
    this.name = 'KeyDestroyed';
  }
}

/** A stored data key does not open with the configured master key(s). */
export class MasterKeyMismatch extends Error {
  constructor() {
    super('A data key cannot be unwrapped with MASTER_KEY_FILE (or MASTER_KEY_PREVIOUS_FILES). Point MASTER_KEY_FILE at the master key these keys were wrapped with; while rotating, list the old one in MASTER_KEY_PREVIOUS_FILES.');
    this.name = 'MasterKeyMismatch';
  }
}

/**
 * Wraps data keys for storage. LocalKeyWrapper uses a master key from configuration; an adapter for a
 * cloud KMS implements the same two calls (the vaults never see the master key).
 */
export interface KeyWrapper {
  wrap(dataKey: Buffer, subjectId: string): Promise<Buffer>;
  unwrap(wrapped: Buffer, subjectId: string): Promise<Buffer>;
}
