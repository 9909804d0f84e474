import { EventStore, RecordedEvent, SubscribeAllOptions, Subscription } from './event-store.port';

export type ConsumerStatus = 'stopped' | 'catching-up' | 'live' | 'failing';

export interface ConsumerOptions {
  /** Most events per commit. */
  readonly batchSize: number;
  readonly filter?: SubscribeAllOptions['filter'];
  readonly onError?: (error: unknown, event: Pick<RecordedEvent, 'id' | 'type' | 'position'> | null) => void;
}

/**
 * A checkpointed subscription on $all that works in batches: events are handled one by one, then
 * committed together with the checkpoint when the batch is full or no more events are waiting.
 * On any failure it backs off, reloads its checkpoint and starts again from there (at-least-once).
 */
export abstract class CheckpointedConsumer {
  private subscription: Subscription | null = null;
  private running: Promise<void> | null = null;
  private active = false;
  private position = 0;
  private batchEvents = 0;
  private batchPosition = 0;
  private waiters: { position: number; resolve: () => void }[] = [];
  status: ConsumerStatus = 'stopped';
  lastError: string | null = null;

  protected constructor(protected readonly events: EventStore, private readonly consumer: ConsumerOptions) {}

  /** The stored checkpoint (0 when none). */
  protected abstract loadCheckpoint(): Promise<number>;
  /** Starts a new batch. */
  protected abstract beginBatch(): void;
  protected abstract handle(event: RecordedEvent): Promise<void>;
  /** Makes the batch durable together with the checkpoint `position`. */
  protected abstract commitBatch(position: number, events: number): Promise<void>;

  protected async load(): Promise<void> {
    this.position = await this.loadCheckpoint();
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

  /** Resolves true once every event up to `position` is committed, false on timeout. */
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
        if (!(error instanceof Object && reported.has(error))) this.consumer.onError?.(error, null);
        await new Promise((r) => setTimeout(r, delay));
        delay = Math.min(delay * 2, 10_000);
        await this.load();
      }
    }
  }

  private async run(): Promise<void> {
    this.status = 'catching-up';
    this.subscription = this.events.subscribeAll({ fromPosition: this.position, filter: this.consumer.filter });
    const iterator = this.subscription[Symbol.asyncIterator]();
    this.newBatch();
    let next = iterator.next();
    let handled = 0;
    for (;;) {
      const result = await next;
      if (result.done) break;
      const message = result.value;
      if (message.kind === 'caught-up') {
        this.status = 'live';
        this.batchPosition = Math.max(this.batchPosition, message.position);
      } else {
        this.batchPosition = message.event.position;
        this.batchEvents += 1;
        try {
          await this.handle(message.event);
        } catch (error) {
          this.consumer.onError?.(error, { id: message.event.id, type: message.event.type, position: message.event.position });
          if (error instanceof Object) reported.add(error);
          throw error;
        }
      }
      next = iterator.next();
      if (this.batchEvents >= this.consumer.batchSize || !(await isReady(next))) await this.flush();
      // Catching up runs on microtasks alone; let timers and I/O (HTTP requests) in now and then.
      if (++handled % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await this.flush();
  }

  private newBatch(): void {
    this.batchEvents = 0;
    this.batchPosition = this.position;
    this.beginBatch();
  }

  private async flush(): Promise<void> {
    if (this.batchPosition <= this.position) return;
    await this.commitBatch(this.batchPosition, this.batchEvents);
    this.position = this.batchPosition;
    this.lastError = null;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.resolve());
    this.newBatch();
  }
}

/** Errors already reported with the event that caused them. */
const reported = new WeakSet<object>();

const YIELD_EVERY = 256;
let tick: Promise<boolean> | null = null;

/** Resolves false on the next turn of the event loop; one shared timer for all callers in a turn. */
function nextTurn(): Promise<boolean> {
  if (!tick) tick = new Promise((resolve) => setImmediate(() => { tick = null; resolve(false); }));
  return tick;
}

/** True when the pending iterator result is already available (more events are buffered). */
function isReady<T>(pending: Promise<T>): Promise<boolean> {
  return Promise.race([pending.then(() => true), nextTurn()]);
}
