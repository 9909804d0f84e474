import { LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { matches, sorter } from './memory/memory.read-store';
import { Change, Condition, Doc, IndexSpec, ReadStore, SortKey } from './read-store.port';
import { ReadStoreFailure } from './quarantine';

/** Reads see writes made earlier in the same batch; writes are collected and committed together. */
export interface ProjectionContext {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  put(collection: string, doc: Doc): void;
  remove(collection: string, id: string): void;
  /** Documents matching all conditions, as this batch sees them (stored, overlaid with its own writes). */
  find<T extends Doc>(collection: string, where: readonly Condition[]): Promise<T[]>;
  /**
   * True when the document already reflects the event being projected (the event, or a later one, wrote
   * it): the event is being delivered again. For projections whose writes all pass through one document
   * (e.g. a key list per party) while other documents they wrote may since have been deleted, which
   * leaves no position behind to guard a rewrite.
   */
  reflects(collection: string, id: string): Promise<boolean>;
  /**
   * The first document matching all conditions in this order, as this batch sees it: one indexed read
   * instead of all matches (declare the index with `whileLoading` so that a bulk rebuild has it too).
   */
  first<T extends Doc>(collection: string, where: readonly Condition[], orderBy: readonly SortKey[]): Promise<T | null>;
}

export interface CollectionSpec {
  readonly name: string;
  readonly indexes: readonly IndexSpec[];
}

/** A named, versioned, deterministic projection: same events in, same documents out. */
export interface Projection {
  readonly name: string;
  readonly collections: readonly CollectionSpec[];
  project(event: LedgerEvent, envelope: RecordedEvent, ctx: ProjectionContext): Promise<void>;
}

export function asLedgerEvent(event: RecordedEvent): LedgerEvent {
  return { type: event.type, data: event.data } as LedgerEvent;
}

/** A write of this batch (`verified`: the stored document was looked at before it; blind writes are checked on first read). */
interface Pending {
  readonly collection: string;
  readonly id: string;
  readonly doc: Doc | null;
  readonly position: number;
  verified: boolean;
}

/**
 * Unit of work over a ReadStore for one batch of events. It knows the position of the last event
 * reflected in every document it touches, and ignores writes of an event to a document that already
 * reflects it: redelivered events (after a crash, or a replay from an older checkpoint) change nothing,
 * even for read-modify-write projections such as counters.
 */
export class ProjectionBatch implements ProjectionContext {
  /** This batch's writes by collection and id: `find` and `first` look at one collection's, not the whole batch's. */
  private readonly pendingIn = new Map<string, Map<string, Pending>>();
  private readonly applied = new Map<string, number>();
  private position = 0;
  eventCount = 0;

  constructor(private readonly store: ReadStore) {}

  at(position: number): void {
    this.position = position;
    this.eventCount += 1;
  }

  get lastPosition(): number {
    return this.position;
  }

  private pending(collection: string, id: string): Pending | undefined {
    return this.pendingIn.get(collection)?.get(id);
  }

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const key = `${collection}\u0000${id}`;
    const hit = this.pending(collection, id);
    if (hit && !hit.verified) {
      // A blind write (put without get) of a redelivered event must not hide a newer stored document.
      const stored = await this.stored<T>(collection, id);
      this.applied.set(key, stored?.position ?? 0);
      if (stored && stored.position >= hit.position) {
        this.pendingIn.get(collection)?.delete(id);
        return stored.doc;
      }
      hit.verified = true;
    }
    // The same object: projections mutate what they get and put it back within the batch.
    if (hit) return hit.doc as T | null;
    const stored = await this.stored<T>(collection, id);
    this.applied.set(key, stored?.position ?? 0);
    return stored ? stored.doc : null;
  }

  put(collection: string, doc: Doc): void {
    this.write(collection, doc.id, doc);
  }

  private stored<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> {
    return this.storeCall(() => this.store.getVersioned<T>(collection, id));
  }

  /** A failure of the store itself is not the projection's: it is marked so the projector retries instead of quarantining. */
  private storeCall<R>(call: () => Promise<R>): Promise<R> {
    return call().catch((error: unknown) => {
      throw new ReadStoreFailure(error);
    });
  }

  async find<T extends Doc>(collection: string, where: readonly Condition[]): Promise<T[]> {
    const ids = new Set((await this.storeCall(() => this.store.find<T>(collection, { where, orderBy: [{ field: 'id', direction: 'asc' }] }))).map((d) => d.id));
    for (const change of this.pendingIn.get(collection)?.values() ?? []) {
      if (change.doc && where.every((c) => matches(change.doc as Doc, c))) ids.add(change.id);
    }
    const found: T[] = [];
    for (const id of [...ids].sort()) {
      const doc = await this.get<T>(collection, id);
      if (doc && where.every((c) => matches(doc, c))) found.push(doc);
    }
    return found;
  }

  async reflects(collection: string, id: string): Promise<boolean> {
    await this.get(collection, id);
    const key = `${collection}\u0000${id}`;
    const position = this.pending(collection, id)?.position ?? this.applied.get(key) ?? 0;
    return position >= this.position;
  }

  async first<T extends Doc>(collection: string, where: readonly Condition[], orderBy: readonly SortKey[]): Promise<T | null> {
    const candidates: Doc[] = [];
    // What this batch wrote and matches, as get sees it (a blind write of a redelivered event gives way to the stored version).
    // A write that does not match is left alone here: should the stored version be newer and match, the store's rows below bring it.
    for (const change of [...(this.pendingIn.get(collection)?.values() ?? [])]) {
      if (!change.doc || !where.every((c) => matches(change.doc as Doc, c))) continue;
      const doc = await this.get<T>(collection, change.id);
      if (doc && where.every((c) => matches(doc, c))) candidates.push(doc);
    }
    // The first stored document this batch has not rewritten (a blind write is checked by get when its stored version comes up).
    for (let limit = 4; ; limit *= 4) {
      const rows = await this.storeCall(() => this.store.find<T>(collection, { where, orderBy, limit }));
      const kept = await this.firstUnwritten(collection, rows);
      if (kept) candidates.push(kept);
      if (kept || rows.length < limit) break;
    }
    return (candidates.sort(sorter(orderBy))[0] as T | undefined) ?? null;
  }

  /** The first stored row this batch did not write, or whose stored version turns out newer than the batch's blind write. */
  private async firstUnwritten<T extends Doc>(collection: string, rows: readonly T[]): Promise<T | null> {
    for (const row of rows) {
      const hit = this.pending(collection, row.id);
      if (!hit) return row;
      if (hit.verified) continue;
      await this.get(collection, row.id);
      if (!this.pending(collection, row.id)) return row;
    }
    return null;
  }

  remove(collection: string, id: string): void {
    this.write(collection, id, null);
  }

  private write(collection: string, id: string, doc: Doc | null): void {
    const key = `${collection}\u0000${id}`;
    const applied = this.applied.get(key);
    if (applied !== undefined && applied >= this.position) return;
    let inCollection = this.pendingIn.get(collection);
    if (!inCollection) this.pendingIn.set(collection, (inCollection = new Map()));
    inCollection.set(id, { collection, id, doc, position: this.position, verified: applied !== undefined || inCollection.get(id)?.verified === true });
  }

  changes(): Change[] {
    const changes: Change[] = [];
    for (const inCollection of this.pendingIn.values()) for (const change of inCollection.values()) changes.push(change);
    return changes;
  }
}
