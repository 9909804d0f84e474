import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { Change, CollectionChecksum, Doc, FindQuery, IndexSpec, ReadStore } from '../read-store.port';
import { compileQuery, fieldExpr, tableName } from './sqlite.query';

/** Embedded read models: one table per collection, JSON documents, expression indexes. */
export class SqliteReadStore implements ReadStore {
  private readonly db: Database.Database;
  private readonly known = new Set<string>();
  private readonly statements = new Map<string, Database.Statement>();

  constructor(path: string) {
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    // Read models are rebuildable from the event store: NORMAL is durable enough and much faster.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 10000');
    // 64 MB page cache: projections update documents all over their B-trees.
    this.db.pragma('cache_size = -65536');
    this.db.exec('CREATE TABLE IF NOT EXISTS checkpoints (name TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID');
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    const table = tableName(collection);
    // Rowid tables: documents are large, so rows are appended in rowid order and only the id index splits.
    this.db.exec(`CREATE TABLE IF NOT EXISTS ${table} (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, pos INTEGER NOT NULL, doc TEXT NOT NULL)`);
    for (const index of indexes) {
      const columns = index.fields.map(fieldExpr).join(', ');
      this.db.exec(`CREATE INDEX IF NOT EXISTS ${table}__${index.name} ON ${table} (${columns})`);
    }
    this.known.add(collection);
  }

  /** Prepared statements are cached by their SQL text. */
  private stmt(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  private table(collection: string): string {
    if (!this.known.has(collection)) throw new Error(`Unknown collection ${collection}: call ensureCollection first.`);
    return tableName(collection);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const row = this.stmt(`SELECT doc FROM ${this.table(collection)} WHERE id = ?`).get(id) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as T) : null;
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

  async commit(changes: readonly Change[], checkpoint: { name: string; position: number }): Promise<void> {
    this.db.transaction(() => {
      for (const change of changes) {
        const table = this.table(change.collection);
        if (change.doc === null) {
          this.stmt(`DELETE FROM ${table} WHERE id = ? AND pos <= ?`).run(change.id, change.position);
        } else {
          this.stmt(`INSERT INTO ${table} (id, pos, doc) VALUES (?, ?, ?)
            ON CONFLICT(id) DO UPDATE SET pos = excluded.pos, doc = excluded.doc WHERE excluded.pos >= ${table}.pos`)
            .run(change.id, change.position, JSON.stringify(change.doc));
        }
      }
      this.stmt(`INSERT INTO checkpoints (name, position) VALUES (?, ?)
        ON CONFLICT(name) DO UPDATE SET position = excluded.position WHERE excluded.position > checkpoints.position`)
        .run(checkpoint.name, checkpoint.position);
    })();
  }

  async checkpoint(name: string): Promise<number> {
    const row = this.stmt('SELECT position FROM checkpoints WHERE name = ?').get(name) as { position: number } | undefined;
    return row?.position ?? 0;
  }

  async checksums(collections: readonly string[]): Promise<CollectionChecksum[]> {
    return collections.map((collection) => {
      const hash = createHash('sha256');
      let count = 0;
      for (const row of this.db.prepare(`SELECT id, doc FROM ${this.table(collection)} ORDER BY id`).iterate() as Iterable<{ id: string; doc: string }>) {
        hash.update(`${row.id}\n${row.doc}\n`);
        count += 1;
      }
      return { collection, count, sha256: hash.digest('hex') };
    });
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
