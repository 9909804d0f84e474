import Database from 'better-sqlite3';

/**
 * 2: no `streams` table (a stream's head is its last event on the (stream_id, revision) index); a file of
 * version 1 loses that table when it is first opened.
 */
export const EVENT_STORE_SCHEMA_VERSION = 2;

/** Opens (creating if needed) the embedded event store database with durable settings. */
export function openEventDatabase(path: string): Database.Database {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: every commit fsyncs the WAL, so an acknowledged append survives power loss.
  db.pragma('synchronous = FULL');
  db.pragma('busy_timeout = 10000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS events (
      position     INTEGER PRIMARY KEY,
      id           TEXT    NOT NULL UNIQUE,
      stream_id    TEXT    NOT NULL,
      revision     INTEGER NOT NULL,
      type         TEXT    NOT NULL,
      occurred_at  TEXT    NOT NULL,
      recorded_at  TEXT    NOT NULL,
      envelope     TEXT    NOT NULL,
      data         TEXT    NOT NULL,
      prev_hash    TEXT    NOT NULL,
      hash         TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    );
    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `);
  db.prepare(`INSERT OR IGNORE INTO store_meta (key, value) VALUES ('schema_version', ?)`).run(String(EVENT_STORE_SCHEMA_VERSION));
  upgradeFromVersion1(db);
  return db;
}

/**
 * Version 1 kept each stream's head in a `streams` table written with every append. Nothing reads it now, and a
 * table that stops being written would soon lie, so it goes (once, by whichever process opens the file first).
 */
function upgradeFromVersion1(db: Database.Database): void {
  const version = db.prepare<[], string>(`SELECT value FROM store_meta WHERE key = 'schema_version'`).pluck().get();
  if (version !== '1') return;
  db.transaction(() => {
    db.exec('DROP TABLE IF EXISTS streams');
    db.prepare(`UPDATE store_meta SET value = ? WHERE key = 'schema_version'`).run(String(EVENT_STORE_SCHEMA_VERSION));
  }).immediate();
}
