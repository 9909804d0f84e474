import Database from 'better-sqlite3';
import { KeyWrapper } from '../key-vault.port';
import { StoredKey, StoredKeyVault } from '../stored-key-vault';

/**
 * Embedded key vault: one SQLite file (DATA_DIR/keys.sqlite) in WAL mode (one fsync per new key).
 * secure_delete zeroes freed bytes, and a destroy checkpoints and truncates the write-ahead log, so a
 * destroyed key leaves no copy in any file.
 */
export class SqliteKeyVault extends StoredKeyVault {
  private readonly db: Database.Database;
  private readonly stmts;

  constructor(path: string, wrapper: KeyWrapper, previous: readonly KeyWrapper[] = []) {
    super(wrapper, previous);
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
      page: this.db.prepare<[string], { subject_id: string; wrapped: Buffer | null; destroyed_at: string | null }>(
        'SELECT subject_id, wrapped, destroyed_at FROM data_keys WHERE subject_id > ? ORDER BY subject_id LIMIT 1000'),
      rewrap: this.db.prepare('UPDATE data_keys SET wrapped = ? WHERE subject_id = ? AND destroyed_at IS NULL'),
      destroy: this.db.prepare(`INSERT INTO data_keys (subject_id, wrapped, created_at, destroyed_at) VALUES (?, NULL, ?, ?)
        ON CONFLICT(subject_id) DO UPDATE SET wrapped = NULL, destroyed_at = COALESCE(destroyed_at, excluded.destroyed_at)`),
    };
  }

  protected async read(subjectId: string): Promise<StoredKey | null> {
    const row = this.stmts.get.get(subjectId);
    return row ? { wrapped: row.wrapped, destroyed: row.destroyed_at !== null } : null;
  }

  protected async *all(): AsyncIterable<{ subjectId: string } & StoredKey> {
    // In pages, so that rows can be rewritten between them.
    for (let after = ''; ;) {
      const rows = this.stmts.page.all(after);
      if (rows.length === 0) return;
      for (const row of rows) yield { subjectId: row.subject_id, wrapped: row.wrapped, destroyed: row.destroyed_at !== null };
      after = rows[rows.length - 1].subject_id;
    }
  }

  protected async replaceWrapped(subjectId: string, wrapped: Buffer): Promise<void> {
    this.stmts.rewrap.run(wrapped, subjectId);
  }

  protected async insertIfAbsent(subjectId: string, wrapped: Buffer, at: string): Promise<void> {
    this.stmts.insert.run(subjectId, wrapped, at);
  }

  protected async markDestroyed(subjectId: string, at: string): Promise<void> {
    this.stmts.destroy.run(subjectId, at, at);
    // The wrapped key's old page lives on in the write-ahead log until it is checkpointed away.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
