import Database from 'better-sqlite3';

export const EVENT_STORE_SCHEMA_VERSION = 1;

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
    CREATE TABLE IF NOT EXISTS streams (
      stream_id TEXT PRIMARY KEY,
      revision  INTEGER NOT NULL,
      last_hash TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE IF NOT EXISTS store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  `);
  db.prepare(`INSERT OR IGNORE INTO store_meta (key, value) VALUES ('schema_version', ?)`).run(String(EVENT_STORE_SCHEMA_VERSION));
  return db;
}
