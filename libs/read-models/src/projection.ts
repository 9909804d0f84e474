import { LedgerEvent } from '@civic-ledger/domain';
import { RecordedEvent } from '@civic-ledger/event-store';
import { Change, Doc, IndexSpec, ReadStore } from './read-store.port';

/** Reads see writes made earlier in the same batch; writes are collected and committed together. */
export interface ProjectionContext {
  get<T extends Doc>(collection: string, id: string): Promise<T | null>;
  put(collection: string, doc: Doc): void;
  remove(collection: string, id: string): void;
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

/** Unit of work over a ReadStore for one batch of events. */
export class ProjectionBatch implements ProjectionContext {
  private readonly pending = new Map<string, { collection: string; id: string; doc: Doc | null; position: number }>();
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

  async get<T extends Doc>(collection: string, id: string): Promise<T | null> {
    const hit = this.pending.get(`${collection}\u0000${id}`);
    // The same object: projections mutate what they get and put it back within the batch.
    if (hit) return hit.doc as T | null;
    return this.store.get<T>(collection, id);
  }

  put(collection: string, doc: Doc): void {
    this.pending.set(`${collection}\u0000${doc.id}`, { collection, id: doc.id, doc, position: this.position });
  }

  remove(collection: string, id: string): void {
    this.pending.set(`${collection}\u0000${id}`, { collection, id, doc: null, position: this.position });
  }

  changes(): Change[] {
    return [...this.pending.values()];
  }
}
