import type { MessagePort } from 'node:worker_threads';
import {
  Change, Checkpoint, CollectionChecksum, Doc, FindQuery, IndexSpec, JsonChange, ReadStore,
} from './read-store.port';

/**
 * A parallel rebuild's threads share one set, written by one connection: the rebuild's own thread serves
 * its ReadStore to every projecting thread over a message port. A projecting thread reads and decodes the
 * ledger, projects and serialises its documents (the CPU-heavy part, in parallel); the serving thread
 * only runs the store's calls, one port's calls in the order sent, so a thread reads its own writes. No
 * two connections contend for the set's write lock, and each batch with its checkpoints is still one commit.
 */

/** What a projecting thread may ask of the set (closing, checksums and purging stay with its owner). */
const SERVED = ['ensureCollection', 'get', 'getVersioned', 'getMany', 'find', 'findJson', 'scan', 'commitJson', 'checkpoint', 'purge'] as const;
type Served = (typeof SERVED)[number];

interface Request { readonly id: number; readonly method: Served; readonly args: unknown[] }
type Reply = { readonly id: number; readonly result: unknown } | { readonly id: number; readonly error: string };

/** Serves `store` on `port` until the port closes; one call at a time, in the order they arrive. */
export function serveReadStore(port: MessagePort, store: ReadStore): void {
  let queue: Promise<void> = Promise.resolve();
  port.on('message', (request: Request) => {
    queue = queue.then(async () => {
      try {
        if (!SERVED.includes(request.method)) throw new Error(`${request.method} is not served to rebuild threads`);
        const call = store[request.method] as (...args: unknown[]) => Promise<unknown>;
        port.postMessage({ id: request.id, result: await call.apply(store, request.args) } satisfies Reply);
      } catch (error) {
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies Reply);
      }
    });
  });
}

/**
 * The set as a projecting thread sees it: every call goes to the serving thread and resolves with its
 * answer (a commit once it is written). A commit's documents are serialised here.
 */
export class RemoteReadStore implements ReadStore {
  private next = 0;
  private readonly waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  constructor(private readonly port: MessagePort) {
    port.on('message', (reply: Reply) => {
      const waiter = this.waiting.get(reply.id);
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter?.reject(new Error(reply.error));
      else waiter?.resolve(reply.result);
    });
  }

  private call<R>(method: Served, ...args: unknown[]): Promise<R> {
    const id = (this.next += 1);
    return new Promise<R>((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.port.postMessage({ id, method, args } satisfies Request);
    });
  }

  ensureCollection(collection: string, indexes: readonly IndexSpec[]): Promise<void> { return this.call('ensureCollection', collection, indexes); }
  get<T extends Doc>(collection: string, id: string): Promise<T | null> { return this.call('get', collection, id); }
  getVersioned<T extends Doc>(collection: string, id: string): Promise<{ doc: T; position: number } | null> { return this.call('getVersioned', collection, id); }
  getMany<T extends Doc>(collection: string, ids: readonly string[]): Promise<T[]> { return this.call('getMany', collection, ids); }
  find<T extends Doc>(collection: string, query: FindQuery): Promise<T[]> { return this.call('find', collection, query); }
  findJson(collection: string, query: FindQuery): Promise<string[]> { return this.call('findJson', collection, query); }
  scan<T extends Doc>(collection: string, after: string | null, limit: number): Promise<{ doc: T; position: number }[]> { return this.call('scan', collection, after, limit); }
  checkpoint(name: string): Promise<number> { return this.call('checkpoint', name); }
  purge(): Promise<void> { return this.call('purge'); }

  async commit(changes: readonly Change[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    const json: JsonChange[] = changes.map((c) => ({ collection: c.collection, id: c.id, position: c.position, doc: c.doc === null ? null : JSON.stringify(c.doc) }));
    await this.commitJson(json, checkpoint);
  }

  commitJson(changes: readonly JsonChange[], checkpoint: Checkpoint | readonly Checkpoint[]): Promise<void> {
    return this.call('commitJson', changes, checkpoint);
  }

  checksums(_collections: readonly string[]): Promise<CollectionChecksum[]> {
    return Promise.reject(new Error('checksums are taken by the thread that owns the set'));
  }

  /** The set itself stays open with the thread that owns it. */
  async close(): Promise<void> {
    this.port.close();
  }
}
