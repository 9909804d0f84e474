/**
 * Worker coordination state, kept in the read store's database but outside every read-model set (a
 * rebuild never swaps it): leases that make one worker at a time the owner of a piece of work (each
 * projection, the Kafka relay, the checkpoint scheduler) and announce the live workers, and the checkpoints of consumers whose output
 * is not a read-model set (the relay's position in the ledger).
 */
export interface Lease {
  readonly name: string;
  readonly owner: string;
  /** Epoch milliseconds after which another worker may take the lease. */
  readonly expiresAt: number;
}

export interface LeaseStore {
  /**
   * Takes the lease, or renews it when `owner` holds it already, until `now + ttlMs`. Succeeds only when
   * the lease is free, expired or the owner's; true when `owner` holds it afterwards.
   */
  acquire(name: string, owner: string, ttlMs: number, now?: number): Promise<boolean>;
  /**
   * Takes a lease from `from` whatever its expiry (its holder is known to be dead, e.g. a process of this
   * host that no longer exists); true when `owner` holds it afterwards.
   */
  takeOver(name: string, from: string, owner: string, ttlMs: number, now?: number): Promise<boolean>;
  /** Gives the lease up (only if `owner` holds it), so another worker takes over at once. */
  release(name: string, owner: string): Promise<void>;
  holder(name: string): Promise<Lease | null>;
  /** Every lease whose name starts with `prefix` (expired ones too), by name. */
  list(prefix: string): Promise<Lease[]>;
  checkpoint(name: string): Promise<number>;
  /** Moves a checkpoint forward (never back). */
  saveCheckpoint(name: string, position: number): Promise<void>;
  close(): Promise<void>;
}
