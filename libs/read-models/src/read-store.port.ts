/** The ReadStore port: disposable documents derived from the event store. Adapters: sqlite/, memory/, mongo/. */

export interface Doc {
  readonly id: string;
  readonly [field: string]: unknown;
}

export type Condition =
  | { readonly field: string; readonly op: 'eq' | 'gt' | 'gte' | 'lt' | 'lte'; readonly value: string | number | boolean }
  | { readonly field: string; readonly op: 'in'; readonly value: readonly (string | number)[] }
  /** String prefix (range scan on an index). */
  | { readonly field: string; readonly op: 'prefix'; readonly value: string }
  /** Array field contains the value. */
  | { readonly field: string; readonly op: 'has'; readonly value: string };

export interface SortKey {
  readonly field: string;
  readonly direction: 'asc' | 'desc';
}

export interface FindQuery {
  readonly where?: readonly Condition[];
  /** Sort keys; keyset pagination continues strictly after `after` (one value per sort key). */
  readonly orderBy?: readonly SortKey[];
  readonly after?: readonly (string | number)[];
  readonly limit?: number;
}

export interface IndexSpec {
  readonly name: string;
  readonly fields: readonly string[];
  /** A projection queries it while projecting: a bulk load builds it from the start, not at the end. */
  readonly whileLoading?: boolean;
  /**
   * Names of earlier indexes of the collection this one supersedes: dropped once it exists, so a store
   * made by an earlier version stops maintaining them and its query planner cannot pick them.
   */
  readonly replaces?: readonly string[];
}

/** A document write caused by the event at `position`; `doc: null` deletes. */
export interface Change {
  readonly collection: string;
  readonly id: string;
  readonly doc: Doc | null;
  readonly position: number;
}

/** A change whose document is already JSON text (`JSON.stringify` of the document), e.g. serialised in another thread. */
export interface JsonChange extends Omit<Change, 'doc'> {
  readonly doc: string | null;
}

/** The changes with their documents parsed: for a store that does not keep JSON text. */
export function parsedChanges(changes: readonly JsonChange[]): Change[] {
  return changes.map((c) => ({ collection: c.collection, id: c.id, position: c.position, doc: c.doc === null ? null : (JSON.parse(c.doc) as Doc) }));
}

/** A named consumer position; moved forward only. */
export interface Checkpoint {
  readonly name: string;
  readonly position: number;
}

/** One checkpoint or several, as a list. */
export function checkpointList(checkpoint: Checkpoint | readonly Checkpoint[]): readonly Checkpoint[] {
  return Array.isArray(checkpoint) ? checkpoint : [checkpoint as Checkpoint];
}

export interface CollectionChecksum {
  readonly collection: string;
  readonly count: number;
  readonly sha256: string;
}

export interface ReadStore {
  ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void>;
  /** The document, as an object of the caller's own: each call gives a new one, which the caller may change (the store never sees it). */
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  /** The document with the position of the last event that wrote it. */
  getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null>;
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]>;
  find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]>;
  /**
   * What `find` finds, each document as JSON text (`JSON.stringify` of what `find` returns): a store that
   * keeps JSON hands it over as stored, so a page can be answered without parsing and re-serialising it.
   */
  findJson(collection: string, query: FindQuery): Promise<string[]>;
  /**
   * Up to `limit` documents with their positions, in id order, after the id `after` (from the first when
   * null): for copying a collection from one read-model set to another as it is.
   */
  scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]>;
  /**
   * Applies the changes and moves the named checkpoint in one atomic step. A change never
   * overwrites a document last written by a later event (redelivery is harmless).
   */
  commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void>;
  /** `commit` with each document given as its JSON text: a store that keeps JSON stores it as given. */
  commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void>;
  checkpoint(name: string): Promise<number>;
  /** Per collection: document count and SHA-256 over (id, document) in id order. */
  checksums(collections: readonly string[]): Promise<CollectionChecksum[]>;
  /**
   * Makes overwritten and deleted data unrecoverable from the store's files (after an erasure):
   * embedded SQLite zeroes freed space as it goes and truncates its write-ahead log here.
   */
  purge(): Promise<void>;
  close(): Promise<void>;
}

export const READ_STORE = Symbol('READ_STORE');
