import Database from 'better-sqlite3';

export interface StreamHead {
  readonly revision: number;
  readonly lastHash: string;
}

const MAX_ENTRIES = 100_000;

/**
 * The head (revision, last hash) of each stream this connection touched, kept in memory so an append
 * does not look it up again. Valid only while no other connection writes: `sync()` asks SQLite's
 * `PRAGMA data_version`, which changes exactly when another connection (another process on the same
 * file) has committed, and forgets everything then. Appends call it inside their write transaction,
 * after the write lock is held, so a head they check can no longer move under them.
 */
export class StreamHeads {
  private readonly heads = new Map<string, StreamHead | null>();
  private readonly version: Database.Statement<[], number>;
  private readonly read: Database.Statement<[string], { revision: number; hash: string }>;
  private dataVersion = -1;

  constructor(db: Database.Database) {
    this.version = db.prepare<[], number>('PRAGMA data_version').pluck();
    // The stream's last event, found on the (stream_id, revision) index: the events table is the only record of a
    // head (a table of heads beside it cost a page write per commit).
    this.read = db.prepare<[string], { revision: number; hash: string }>('SELECT revision, hash FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1');
  }

  /** Forgets every head if another connection committed since the last call. */
  sync(): void {
    const version = this.version.get() as number;
    if (version !== this.dataVersion) {
      this.heads.clear();
      this.dataVersion = version;
    }
  }

  /** The stream's head, or null when it has no events. */
  get(streamId: string): StreamHead | null {
    const known = this.heads.get(streamId);
    if (known !== undefined) return known;
    const row = this.read.get(streamId);
    const head = row ? { revision: row.revision, lastHash: row.hash } : null;
    this.set(streamId, head);
    return head;
  }

  set(streamId: string, head: StreamHead | null): void {
    if (this.heads.size >= MAX_ENTRIES) this.heads.clear();
    this.heads.set(streamId, head);
  }

  /** After a rolled-back write: what was set inside it never happened. */
  clear(): void {
    this.heads.clear();
  }
}
