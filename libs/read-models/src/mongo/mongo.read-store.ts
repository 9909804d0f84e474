import { createHash } from 'node:crypto';
import { mongoDatabaseName } from '@civic-ledger/config';
import { AnyBulkWriteOperation, Collection, Db, Document, Filter, MongoBulkWriteError, MongoClient, WithoutId } from 'mongodb';
import { Change, Checkpoint, checkpointList, CollectionChecksum, Doc, FindQuery, IndexSpec, JsonChange, parsedChanges, ReadStore } from '../read-store.port';
import { compileFilter, compileSort, indexKey } from './mongo.query';

export interface MongoReadStoreOptions {
  /** Prefix of every collection name: one prefix is one read-model set (blue/green rebuilds use two). */
  readonly prefix?: string;
}

interface Stored extends Document {
  _id: string;
  _pos: number;
}

const DUPLICATE_KEY = 11000;

function toDoc<T extends Doc>(stored: Document): T {
  const { _id: _ignored, _pos: _position, ...doc } = stored;
  return doc as T;
}

/**
 * Read models in MongoDB. Each document is stored as-is plus `_id` and `_pos`, the position of the last
 * event that wrote it; writes are conditional on `_pos` so redelivery never regresses a document.
 *
 * Checkpoint and documents are written in two steps (documents first) because transactions need a
 * replica set and are not everywhere: a crash between them redelivers events after the old checkpoint,
 * and those change nothing, because the projection batch skips documents whose `_pos` already covers
 * the event and every write here is guarded by `_pos` as well. Nothing is lost (the checkpoint never
 * runs ahead of the documents) and nothing is applied twice.
 */
export class MongoReadStore implements ReadStore {
  private readonly db: Db;
  private readonly prefix: string;

  constructor(private readonly client: MongoClient, dbName: string, options: MongoReadStoreOptions = {}) {
    this.db = client.db(dbName);
    this.prefix = options.prefix ?? 'rm_';
  }

  static connect(url: string, options: MongoReadStoreOptions = {}): MongoReadStore {
    const client = new MongoClient(url, { ignoreUndefined: true, serverSelectionTimeoutMS: 10_000 });
    const dbName = mongoDatabaseName(url);
    return new MongoReadStore(client, dbName, options);
  }

  /** The collection prefix of the read-model set this store writes to. */
  get setPrefix(): string {
    return this.prefix;
  }

  private coll(collection: string): Collection<Stored> {
    if (!/^[a-z][a-z0-9_]*$/.test(collection)) throw new Error(`Invalid collection name: ${collection}`);
    return this.db.collection<Stored>(`${this.prefix}${collection}`);
  }

  private get checkpoints(): Collection<{ _id: string; position: number }> {
    return this.db.collection(`${this.prefix}checkpoints`);
  }

  async ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> {
    const c = this.coll(collection);
    // createIndex is idempotent: the same key and name is a no-op on every start.
    for (const index of indexes) {
      await c.createIndex(indexKey(index.fields), { name: index.name });
      for (const old of index.replaces ?? []) if (await c.indexExists(old)) await c.dropIndex(old);
    }
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const stored = await this.coll(collection).findOne({ _id: id });
    return stored ? toDoc<T>(stored) : null;
  }

  async getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> {
    const stored = await this.coll(collection).findOne({ _id: id });
    return stored ? { doc: toDoc<T>(stored), position: stored._pos } : null;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    if (ids.length === 0) return [];
    const found = await this.coll(collection).find({ _id: { $in: [...ids] } }).toArray();
    const byId = new Map(found.map((s) => [s._id, toDoc<T>(s)]));
    return ids.flatMap((id) => (byId.has(id) ? [byId.get(id) as T] : []));
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]> {
    let cursor = this.coll(collection).find(compileFilter(query) as Filter<Stored>);
    const sort = compileSort(query);
    if (sort) cursor = cursor.sort(sort);
    if (query.limit !== undefined) cursor = cursor.limit(Math.max(0, Math.floor(query.limit)));
    return (await cursor.toArray()).map((s) => toDoc<T>(s));
  }

  async findJson(collection: string, query: FindQuery): Promise<string[]> {
    return (await this.find(collection, query)).map((d) => JSON.stringify(d));
  }

  async scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]> {
    const found = await this.coll(collection).find(after === null ? {} : { _id: { $gt: after } }).sort({ _id: 1 }).limit(limit).toArray();
    return found.map((s) => ({ doc: toDoc<T>(s), position: s._pos }));
  }

  async commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    const byCollection = new Map<string, AnyBulkWriteOperation<Stored>[]>();
    for (const change of changes) {
      const ops = byCollection.get(change.collection) ?? [];
      ops.push(change.doc === null
        ? { deleteOne: { filter: { _id: change.id, _pos: { $lt: change.position } } } }
        : { replaceOne: { filter: { _id: change.id, _pos: { $lt: change.position } }, replacement: { _pos: change.position, ...change.doc } as WithoutId<Stored>, upsert: true } });
      byCollection.set(change.collection, ops);
    }
    for (const [collection, ops] of byCollection) await this.bulk(this.coll(collection), ops);
    for (const c of checkpointList(checkpoint)) await this.checkpoints.updateOne({ _id: c.name }, { $max: { position: c.position } }, { upsert: true });
  }

  /** Unordered bulk write; a duplicate key means a newer version is stored already, which is the point. */
  private async bulk(collection: Collection<Stored>, ops: AnyBulkWriteOperation<Stored>[]): Promise<void> {
    try {
      await collection.bulkWrite(ops, { ordered: false });
    } catch (error) {
      const writeErrors = error instanceof MongoBulkWriteError ? [error.writeErrors].flat() : null;
      if (!writeErrors || writeErrors.some((e) => e.code !== DUPLICATE_KEY)) throw error;
    }
  }

  async commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    await this.commit(parsedChanges(changes), checkpoint);
  }

  async checkpoint(name: string): Promise<number> {
    return (await this.checkpoints.findOne({ _id: name }))?.position ?? 0;
  }

  async checksums(collections: readonly string[]): Promise<CollectionChecksum[]> {
    const out: CollectionChecksum[] = [];
    for (const collection of collections) {
      const hash = createHash('sha256');
      let count = 0;
      for await (const stored of this.coll(collection).find({}).sort({ _id: 1 })) {
        hash.update(`${stored._id}\n${JSON.stringify(toDoc(stored))}\n`);
        count += 1;
      }
      out.push({ collection, count, sha256: hash.digest('hex') });
    }
    return out;
  }

  /** Drops every collection of this set (used for a failed or superseded rebuild). */
  async dropAll(collections: readonly string[]): Promise<void> {
    for (const collection of [...collections, 'checkpoints']) {
      await this.db.collection(`${this.prefix}${collection}`).drop().catch(() => undefined);
    }
  }

  async purge(): Promise<void> {
    // Documents are replaced in place; reclaiming old storage blocks is MongoDB's own compaction
    // (run `compact` on the collections after erasures if your policy requires it).
  }

  async close(): Promise<void> {
    await this.client.close();
  }
}
