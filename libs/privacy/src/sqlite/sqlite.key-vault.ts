import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { KeyCache } from '../key-cache';
import { KeyDestroyed, KeyVault, KeyWrapper } from '../key-vault.port';

/**
 * Embedded key vault: one SQLite file (DATA_DIR/keys.sqlite) in WAL mode (one fsync per new key).
 * secure_delete zeroes freed bytes, and a destroy checkpoints and truncates the write-ahead log, so a
 * destroyed key leaves no copy in any file.
 */
export class SqliteKeyVault implements KeyVault {
  private readonly db: Database.Database;
  private readonly cache = new KeyCache();
  private readonly stmts;

  constructor(path: string, private readonly wrapper: KeyWrapper) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = FULL');
    this.db.pragma('secure_delete = ON');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS data_keys (
      subject_id TEXT PRIMARY KEY, wrapped BLOB, created_at TEXT NOT NULL, destroyed_at TEXT)`);
    this.stmts = {
      get: this.db.prepare<[string], { wrapped: Buffer | null; destroyed_at: string | null }>('SELECT wrapped, destroyed_at FROM data_keys WHERE subject_id = ?'),
      insert: this.db.prepare('INSERT OR IGNORE INTO data_keys (subject_id, wrapped, created_at) VALUES (?, ?, ?)'),
      destroy: this.db.prepare(`INSERT INTO data_keys (subject_id, wrapped, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
        ON CONFLICT(subject_id) DO UPDATE SET wrapped = NULL, destroyed_at = COALESCE(destroyed_at, excluded.destroyed_at)`),
    };
  }

  async dataKey(subjectId: string): Promise<Buffer> {
    const found = await this.findKey(subjectId);
    if (found) return found;
    const row = this.stmts.get.get(subjectId);
    if (row?.destroyed_at) throw new KeyDestroyed(subjectId);
    const key = randomBytes(32);
    this.stmts.insert.run(subjectId, await this.wrapper.wrap(key, subjectId), new Date().toISOString());
    // Another process may have created it first: the stored one wins.
    this.cache.forget(subjectId);
    const stored = await this.findKey(subjectId);
    if (!stored) throw new KeyDestroyed(subjectId);
    return stored;
  }

  async findKey(subjectId: string): Promise<Buffer | null> {
    const cached = this.cache.get(subjectId);
    if (cached !== undefined) return cached;
    const row = this.stmts.get.get(subjectId);
    const key = row?.wrapped ? await this.wrapper.unwrap(row.wrapped, subjectId) : null;
    if (row) this.cache.set(subjectId, key);
    return key;
  }

  async destroy(subjectId: string): Promise<void> {
    const now = new Date().toISOString();
    this.stmts.destroy.run(subjectId, now, now);
    this.cache.forget(subjectId);
    // The wrapped key's old page lives on in the write-ahead log until it is checkpointed away.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
