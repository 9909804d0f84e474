import { createHash } from 'node:crypto';
import { Change, Checkpoint, checkpointList, CollectionChecksum, Condition, Doc, FindQuery, IndexSpec, JsonChange, parsedChanges, ReadStore, SortKey } from '../read-store.port';

type Scalar = string | number | boolean | null | undefined;

function valueAt(doc: Doc, field: string): unknown {
  if (!field.includes('.')) return doc[field];
  return field.split('.').reduce<unknown>((v, key) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined), doc);
}

function compare(a: Scalar, b: Scalar): number {
  if (a === b) return 0;
  if (a === undefined || a === null) return -1;
  if (b === undefined || b === null) return 1;
  return a < b ? -1 : 1;
}

export function matches(doc: Doc, c: Condition): boolean {
  const v = valueAt(doc, c.field);
  switch (c.op) {
    case 'eq': return v === c.value;
    case 'gt': return compare(v as Scalar, c.value) > 0 && v !== undefined;
    case 'gte': return compare(v as Scalar, c.value) >= 0 && v !== undefined;
    case 'lt': return v !== undefined && v !== null && compare(v as Scalar, c.value) < 0;
    case 'lte': return v !== undefined && v !== null && compare(v as Scalar, c.value) <= 0;
    case 'in': return (c.value as readonly unknown[]).includes(v);
    case 'prefix': return typeof v === 'string' && v.startsWith(c.value);
    case 'has': return Array.isArray(v) && v.includes(c.value);
  }
}

/** Compares documents by sort keys (as every read store orders them). */
export function sorter(keys: readonly SortKey[]) {
  return (a: Doc, b: Doc): number => {
    for (const key of keys) {
      const order = compare(valueAt(a, key.field) as Scalar, valueAt(b, key.field) as Scalar);
      if (order !== 0) return key.direction === 'asc' ? order : -order;
    }
    return 0;
  };
}

function afterCursor(doc: Doc, keys: readonly SortKey[], after: readonly (string | number)[]): boolean {
  for (let i = 0; i < keys.length; i += 1) {
    const order = compare(valueAt(doc, keys[i].field) as Scalar, after[i]);
    if (order !== 0) return keys[i].direction === 'asc' ? order > 0 : order < 0;
  }
  return false;
}

/** In-process read store: used for point-in-time replays and as a reference adapter in tests. */
export class MemoryReadStore implements ReadStore {
  private readonly collections = new Map<string, Map<string, { pos: number; json: string }>>();
  private readonly checkpoints = new Map<string, number>();

  async ensureCollection(collection: string, _indexes: readonly IndexSpec[]): Promise<void> {
    if (!this.collections.has(collection)) this.collections.set(collection, new Map());
  }

  private coll(collection: string): Map<string, { pos: number; json: string }> {
    const c = this.collections.get(collection);
    if (!c) throw new Error(`Unknown collection ${collection}: call ensureCollection first.`);
    return c;
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const entry = this.coll(collection).get(id);
    return entry ? (JSON.parse(entry.json) as T) : null;
  }

  async getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> {
    const entry = this.coll(collection).get(id);
    return entry ? { doc: JSON.parse(entry.json) as T, position: entry.pos } : null;
  }

  async getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> {
    const docs = await Promise.all(ids.map((id) => this.get<T>(collection, id)));
    return docs.filter((d): d is Awaited<T> => d !== null);
  }

  async find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]> {
    const keys = query.orderBy ?? [];
    let docs = [...this.coll(collection).values()].map((e) => JSON.parse(e.json) as Doc)
      .filter((d) => (query.where ?? []).every((c) => matches(d, c)));
    if (query.after?.length) docs = docs.filter((d) => afterCursor(d, keys, query.after as (string | number)[]));
    docs.sort(sorter(keys));
    return (query.limit !== undefined ? docs.slice(0, query.limit) : docs) as T[];
  }

  async findJson(collection: string, query: FindQuery): Promise<string[]> {
    return (await this.find(collection, query)).map((d) => JSON.stringify(d));
  }

  async scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]> {
    const ids = [...this.coll(collection).keys()].filter((id) => after === null || id > after).sort().slice(0, limit);
    return ids.map((id) => {
      const entry = this.coll(collection).get(id) as { pos: number; json: string };
      return { doc: JSON.parse(entry.json) as T, position: entry.pos };
    });
  }

  async commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    for (const change of changes) {
      const coll = this.coll(change.collection);
      const existing = coll.get(change.id);
      if (existing && existing.pos >= change.position) continue;
      if (change.doc === null) coll.delete(change.id);
      else coll.set(change.id, { pos: change.position, json: JSON.stringify(change.doc) });
    }
    for (const c of checkpointList(checkpoint)) this.checkpoints.set(c.name, Math.max(c.position, this.checkpoints.get(c.name) ?? 0));
  }

  async commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    await this.commit(parsedChanges(changes), checkpoint);
  }

  async checkpoint(name: string): Promise<number> {
    return this.checkpoints.get(name) ?? 0;
  }

  async checksums(collections: readonly string[]): Promise<CollectionChecksum[]> {
    return collections.map((collection) => {
      const entries = [...this.coll(collection).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const hash = createHash('sha256');
      for (const [id, e] of entries) hash.update(`${id}\n${e.json}\n`);
      return { collection, count: entries.length, sha256: hash.digest('hex') };
    });
  }

  async purge(): Promise<void> {
    // Nothing persists.
  }

  async close(): Promise<void> {
    this.collections.clear();
  }
}
