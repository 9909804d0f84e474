import Database from 'better-sqlite3';
import { Lease, LeaseStore } from '../leases/lease-store.port';

/** Leases and consumer checkpoints in their own embedded file (DATA_DIR/ledger-state.sqlite), shared by every process. */
export class SqliteLeaseStore implements LeaseStore {
  private readonly db: Database.Database;

  constructor(file: string) {
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('busy_timeout = 10000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS leases (name TEXT PRIMARY KEY, owner TEXT NOT NULL, expires_at INTEGER NOT NULL) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS state_checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;`);
  }

  async acquire(name: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    return this.db.transaction(() => {
      this.db.prepare(`INSERT INTO leases (name, owner, expires_at) VALUES (?, ?, ?)
        ON CONFLICT(name) DO UPDATE SET owner = excluded.owner, expires_at = excluded.expires_at
        WHERE leases.owner = excluded.owner OR leases.expires_at <= ?`).run(name, owner, now + ttlMs, now);
      return (this.db.prepare('SELECT owner FROM leases WHERE name = ?').get(name) as { owner: string }).owner === owner;
    }).immediate();
  }

  async takeOver(name: string, from: string, owner: string, ttlMs: number, now = Date.now()): Promise<boolean> {
    return this.db.prepare('UPDATE leases SET owner = ?, expires_at = ? WHERE name = ? AND owner = ?').run(owner, now + ttlMs, name, from).changes === 1;
  }

  async release(name: string, owner: string): Promise<void> {
    this.db.prepare('DELETE FROM leases WHERE name = ? AND owner = ?').run(name, owner);
  }

  async holder(name: string): Promise<Lease | null> {
    const row = this.db.prepare('SELECT owner, expires_at AS expiresAt FROM leases WHERE name = ?').get(name) as { owner: string; expiresAt: number } | undefined;
    return row ? { name, ...row } : null;
  }

  async list(prefix: string): Promise<Lease[]> {
    return this.db.prepare('SELECT name, owner, expires_at AS expiresAt FROM leases WHERE substr(name, 1, ?) = ? ORDER BY name').all(prefix.length, prefix) as Lease[];
  }

  async checkpoint(name: string): Promise<number> {
    return (this.db.prepare('SELECT position FROM state_checkpoints WHERE name = ?').get(name) as { position: number } | undefined)?.position ?? 0;
  }

  async saveCheckpoint(name: string, position: number): Promise<void> {
    this.db.prepare(`INSERT INTO state_checkpoints (name, position) VALUES (?, ?)
      ON CONFLICT(name) DO UPDATE SET position = excluded.position WHERE excluded.position > state_checkpoints.position`).run(name, position);
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
