import { EventStore, RecordedEvent, Subscription, SubscriptionMessage } from '@civic-ledger/event-store';
import { asLedgerEvent, Projection, ProjectionBatch } from './projection';
import { ReadStore } from './read-store.port';

export interface ProjectorOptions {
  readonly checkpointName: string;
  readonly projections: readonly Projection[];
  /** Most events per read-store commit. */
  readonly batchSize?: number;
  readonly onError?: (error: unknown, event: Pick<RecordedEvent, 'id' | 'type' | 'position'> | null) => void;
  readonly onBatch?: (info: { events: number; position: number }) => void;
}

export type ProjectorStatus = 'stopped' | 'catching-up' | 'live' | 'failing';

/**
 * Checkpointed subscription on $all: projects events in batches; documents and checkpoint are
 * committed atomically, so a crash at any point neither loses nor double-applies an event.
 */
export class Projector {
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private active = false;
  private position = 0;
  private waiters: { position: number; resolve: () => void }[] = [];
  status: ProjectorStatus = 'stopped';
  lastError: string | null = null;

  constructor(private readonly events: EventStore, private readonly store: ReadStore, private readonly options: ProjectorOptions) {}

  async init(): Promise<void> {
    for (const projection of this.options.projections) {
      for (const c of projection.collections) await this.store.ensureCollection(c.name, c.indexes);
    }
    this.position = await this.store.checkpoint(this.options.checkpointName);
  }

  get checkpoint(): number {
    return this.position;
  }

  start(): void {
    if (this.running) return;
    this.active = true;
    this.running = this.runWithRetry();
  }

  async stop(): Promise<void> {
    const running = this.running;
    this.active = false;
    this.running = null;
    this.subscription?.close();
    await running;
    this.status = 'stopped';
  }

  /** Resolves true once every event up to `position` is reflected in the read models, false on timeout. */
  waitFor(position: number, timeoutMs?: number): Promise<boolean> {
    if (this.position >= position) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? null : setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        resolve(false);
      }, timeoutMs);
      const waiter = { position, resolve: () => { if (timer) clearTimeout(timer); resolve(true); } };
      this.waiters.push(waiter);
    });
  }

  private async runWithRetry(): Promise<void> {
    let delay = 200;
    while (this.active) {
      try {
        await this.run();
        return;
      } catch (error) {
        this.status = 'failing';
        this.lastError = error instanceof Error ? error.name : 'Error';
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
        this.position = await this.store.checkpoint(this.options.checkpointName);
      }
    }
  }

  private async run(): Promise<void> {
    this.status = 'catching-up';
    this.subscription = this.events.subscribeAll({ fromPosition: this.position });
    const iterator = this.subscription[Symbol.asyncIterator]();
    let batch = new ProjectionBatch(this.store);
    let next = iterator.next();
    for (;;) {
      const result = await next;
      if (result.done) break;
      await this.handle(result.value, batch);
      next = iterator.next();
      if (batch.eventCount >= (this.options.batchSize ?? 1000) || !(await isReady(next))) {
        await this.flush(batch);
        batch = new ProjectionBatch(this.store);
      }
    }
    await this.flush(batch);
  }

  private async handle(message: SubscriptionMessage, batch: ProjectionBatch): Promise<void> {
    if (message.kind === 'caught-up') {
      this.status = 'live';
      if (message.position > batch.lastPosition) batch.at(message.position);
      return;
    }
    const { event } = message;
    batch.at(event.position);
    const ledgerEvent = asLedgerEvent(event);
    try {
      for (const projection of this.options.projections) await projection.project(ledgerEvent, event, batch);
    } catch (error) {
      this.options.onError?.(error, { id: event.id, type: event.type, position: event.position });
      throw error;
    }
  }

  private async flush(batch: ProjectionBatch): Promise<void> {
    if (batch.lastPosition <= this.position) return;
    await this.store.commit(batch.changes(), { name: this.options.checkpointName, position: batch.lastPosition });
    this.position = batch.lastPosition;
    this.options.onBatch?.({ events: batch.eventCount, position: this.position });
    this.lastError = null;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.resolve());
  }
}

/** True when the pending iterator result is already available (more events are buffered). */
function isReady<T>(pending: Promise<T>): Promise<boolean> {
  return Promise.race([pending.then(() => true), new Promise<boolean>((resolve) => setImmediate(() => resolve(false)))]);
}
