import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Change, Checkpoint, checkpointList, CollectionChecksum, Doc, FindQuery, IndexSpec, JsonChange, ReadStore } from '../read-store.port';
import { compileQuery, fieldExpr, tableName } from './sqlite.query';

export interface SqliteReadStoreOptions {
  /**
   * For building a fresh read-model file that is swapped in only when complete: no journal, no
   * fsync, and query indexes created once at the end (buildDeferredIndexes) instead of per write.
   */
  readonly bulkLoad?: boolean;
}

/** Pages of write-ahead log between automatic checkpoints (four of SQLite's 4,096-frame index segments). */
export const WAL_AUTOCHECKPOINT_PAGES = 16_384;

/**
 * Page cache per connection, in KiB: 64 MB for a bulk load (projections update documents all over their
 * B-trees), 8 MB for a live set. A live set's commits are small and frequent (the worker commits every
 * poll), and SQLite (3.53) pays for its cache at nearly every one of them: when a B-tree split reorders
 * the new pages (`balance_nonroot` swaps their numbers through the locking page's number, 262,145 with
 * 4 KiB pages), the cache remembers that page number, and the commit's truncate to the database's size
 * then walks the cache's whole hash table, about one slot per cached page. With 64 MB (16,384 pages)
 * that walk was 2.5 % of the served worker's CPU under POST load (docs/benchmarks.md); the projector's own
 * reads (the right edges of the B-trees, a party's document and cells) fit in far less. Readers in other
 * processes drop their cache at each commit anyway (WAL: a changed log resets a reader's cache).
 */
export const CACHE_KIB = { bulkLoad: 65_536, live: 8_192 } as const;

const byCollectionAndId = (a: { collection: string; id: string }, b: { collection: string; id: string }): number =>
  a.collection !== b.collection ? (a.collection < b.collection ? -1 : 1) : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/** Embedded read models: one table per collection, JSON documents, expression indexes. */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly deferred: string[] = [];
  private readonly known = new Set<string>();
  private readonly statements = new Map<string, Database.Statement>();
  private readonly writers = new Map<string, { upsert: Database.Statement; remove: Database.Statement }>();

  constructor(path: string, private readonly options: SqliteReadStoreOptions = {}) {
    this.db = new Database(path);
    this.db.pragma(options.bulkLoad ? 'journal_mode = OFF' : 'journal_mode = WAL');
    // Read models are rebuildable from the event store: NORMAL is durable enough and much faster.
    this.db.pragma(options.bulkLoad ? 'synchronous = OFF' : 'synchronous = NORMAL');
    // Checkpoint the write-ahead log every 16,384 pages (64 MB) instead of SQLite's 1,000: the projector's
    // small commits rewrite the same index and document pages again and again, and each checkpoint copies
    // them into the file and syncs it; a fifth less CPU per projected event (docs/benchmarks.md).
    if (!options.bulkLoad) this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES}`);
    this.db.pragma('busy_timeout = 10000');
    // Deleted and overwritten content is zeroed on disk, not left in free pages (erasure).
    this.db.pragma('secure_delete = ON');
    this.db.pragma(`cache_size = -${options.bulkLoad ? CACHE_KIB.bulkLoad : CACHE_KIB.live}`);
    this.db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID');
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    const table = tableName(collection);
    // Rowid tables: documents are large, so rows are appended in rowid order and only the id index splits.
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pos INTEGER NOT NULL, doc TEXT NOT NULL)`);
    for (const index of indexes) {
      const columns = index.fields.map(fieldExpr).join(', ');
      const ddl = `CREATE INDEX IF NOT EXISTS ${table}__${index.name} ON ${table} (${columns})`;
      if (this.options.bulkLoad && !index.whileLoading) this.deferred.push(ddl);
      else this.db.exec(ddl);
      for (const old of index.replaces ?? []) this.db.exec(`DROP INDEX IF EXISTS ${table}__${tableName(old).slice(3)}`);
    }
    this.known.add(collection);
  }

  /** Prepared statements are cached by their SQL text (a plucking one apart: pluck is a mode of the statement). */
  private stmt(sql: string, pluck = false): Database.Statement {
    const key = pluck ? `pluck:${sql}` : sql;
    let statement = this.statements.get(key);
    if (!statement) {
      statement = this.db.prepare(sql);
      if (pluck) statement.pluck();
      this.statements.set(key, statement);
    }
    return statement;
  }

  /** Statements that write one collection, guarded by event position (redelivery never regresses). */
  private writer(collection: string): { upsert: Database.Statement; remove: Database.Statement } {
    let writer = this.writers.get(collection);
    if (!writer) {
      const table = this.table(collection);
      writer = {
        upsert: this.db.prepare(`INSERT INTO ${table} (id, pos, doc) VALUES (?, ?, ?)
          ON CONFLICT(id) DO UPDATE SET pos = excluded.pos, doc = excluded.doc WHERE excluded.pos > ${table}.pos`),
        remove: this.db.prepare(`DELETE FROM ${table} WHERE id = ? AND pos < ?`),
      };
      this.writers.set(collection, writer);
    }
    return writer;
  }

  private table(collection: string): string {
    if (!this.known.has(collection)) throw new Error(`Unknown collection ${collection}: call ensureCollection first.`);
    return tableName(collection);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const row = this.stmt(`SELECT doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
  }

  async getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> {
    const row = this.stmt(`SELECT doc, pos FROM ${this.table(collection)} WHERE id = ?`).get(id) as { doc: string; pos: number } | undefined;
    return row ? { doc: JSON.parse(row.doc) as T, position: row.pos } : null;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const rows = this.stmt(`SELECT doc FROM ${this.table(collection)} WHERE id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as { doc: string }[];
    const byId = new Map(rows.map((r) => { const d = JSON.parse(r.doc) as T; return [d.id, d]; }));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as T] : []));
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]> {
    const { sql, params } = compileQuery(this.table(collection), query);
    return (this.stmt(sql).all(...params) as { doc: string }[]).map((r) => JSON.parse(r.doc) as T);
  }

  async findJson(collection: string, query: FindQuery): Promise<string[]> {
    const { sql, params } = compileQuery(this.table(collection), query);
    return this.stmt(sql, true).all(...params) as string[];
  }

  async scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]> {
    const rows = this.stmt(`SELECT doc, pos FROM ${this.table(collection)} WHERE id > ? ORDER BY id LIMIT ?`).all(after ?? '', limit) as { doc: string; pos: number }[];
    return rows.map((r) => ({ doc: JSON.parse(r.doc) as T, position: r.pos }));
  }

  async commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    this.write(changes, (doc) => JSON.stringify(doc), checkpoint);
  }

  async commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    this.write(changes, (doc) => doc, checkpoint);
  }

  private write<D>(changes: readonly { collection: string; id: string; doc: D | null; position: number }[], text: (doc: D) => string, checkpoint: Checkpoint | readonly Checkpoint[]): void {
    // A bulk load writes each batch in id order (a stable sort: changes of one document keep theirs), so the
    // id index grows in runs instead of at random places: about a third less insert time in a rebuild.
    const ordered = this.options.bulkLoad ? [...changes].sort(byCollectionAndId) : changes;
    this.db.transaction(() => {
      for (const change of ordered) {
        const writer = this.writer(change.collection);
        if (change.doc === null) writer.remove.run(change.id, change.position);
        else writer.upsert.run(change.id, change.position, text(change.doc));
      }
      const save = this.stmt(`INSERT INTO checkpoints (name, position) VALUES (?, ?)
        ON CONFLICT(name) DO UPDATE SET position = excluded.position WHERE excluded.position > checkpoints.position`);
      for (const c of checkpointList(checkpoint)) save.run(c.name, c.position);
    }).immediate(); // write lock up front: several processes may share the file (busy_timeout waits)
  }

  async checkpoint(name: string): Promise<number> {
    const row = this.stmt('SELECT position FROM checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async checksums(collections: readonly string[]): Promise<CollectionChecksum[]> {
    return collections.map((collection) => {
      const hash = createHash('sha256');
      let count = 0;
      // Each row's `<id>\n<doc>\n` is put together by SQLite: one string per row handed over (about a quarter less time).
      for (const row of this.db.prepare(`SELECT id || char(10) || doc || char(10) FROM ${this.table(collection)} ORDER BY id`).pluck().iterate() as Iterable<string>) {
        hash.update(row);
        count += 1;
      }
      return { collection, count, sha256: hash.digest('hex') };
    });
  }

  /** After a bulk load: creates the query indexes in one pass and makes the file a normal WAL database. */
  async buildDeferredIndexes(): Promise<void> {
    for (const ddl of this.deferred.splice(0)) this.db.exec(ddl);
    this.db.pragma('journal_mode = WAL');
  }

  async purge(): Promise<void> {
    // Older page versions (plaintext before a redaction) live on in the write-ahead log until it is
    // checkpointed and truncated.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
