import { EventStore, RecordedEvent, SubscribeAllOptions, Subscription } from './event-store.port';

export type ConsumerStatus = 'stopped' | 'catching-up' | 'live' | 'failing';

export interface ConsumerOptions {
  /** Most events per commit. */
  readonly batchSize: number;
  readonly filter?: SubscribeAllOptions['filter'];
  readonly onError?: (error: unknown, event: Pick<RecordedEvent, 'id' | 'type' | 'position'> | null) => void;
}

/**
 * What commitBatch may return instead of waiting: the batch is on its way and `acknowledged` settles
 * once it is durable (checkpoint saved). The consumer then reads and handles the next batch meanwhile,
 * but starts no further commit, and moves its checkpoint, only after `acknowledged` resolved, in order.
 */
export interface BatchInFlight {
  readonly acknowledged: Promise<void>;
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
  /** The batch sent but not yet acknowledged (pipelined commit), if any. */
  private inFlight: { position: number; acknowledged: Promise<void> } | null = null;
  status: ConsumerStatus = 'stopped';
  lastError: string | null = null;

  protected constructor(protected readonly events: EventStore, private readonly consumer: ConsumerOptions) {}

  /** The stored checkpoint (0 when none). */
  protected abstract loadCheckpoint(): Promise<number>;
  /** Starts a new batch. */
  protected abstract beginBatch(): void;
  protected abstract handle(event: RecordedEvent): Promise<void>;
  /**
   * Makes the batch durable together with the checkpoint `position`. May return a BatchInFlight
   * instead (pipelining): only done while catching up with more events already waiting; the next
   * commit, `checkpoint` and `waitFor` all wait for its acknowledgement.
   */
  protected abstract commitBatch(position: number, events: number): Promise<void | BatchInFlight>;

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
        // A batch still in flight ends (either way) before the checkpoint is reloaded and read again.
        const inFlight = this.inFlight;
        this.inFlight = null;
        await inFlight?.acknowledged.catch(() => undefined);
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
      if (this.batchEvents >= this.consumer.batchSize) await this.flush(await isReady(next));
      else if (!(await isReady(next))) await this.flush(false);
      // Catching up runs on microtasks alone; let timers and I/O (HTTP requests) in now and then.
      if (++handled % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await this.flush(false);
  }

  private newBatch(): void {
    this.batchEvents = 0;
    this.batchPosition = this.inFlight?.position ?? this.position;
    this.beginBatch();
  }

  /**
   * Commits the batch. `more`: events are already waiting, so a BatchInFlight from commitBatch is kept
   * in flight while the next batch is read; otherwise everything is acknowledged before this returns
   * (so the loop never waits for events with a batch unacknowledged).
   */
  private async flush(more: boolean): Promise<void> {
    // The previous batch first: a batch is never sent before the one before it was acknowledged.
    await this.settle();
    if (this.batchPosition <= this.position) return;
    const position = this.batchPosition;
    const pending = await this.commitBatch(position, this.batchEvents);
    if (pending && more) {
      // Observed here so that a failure is not unhandled; it is rethrown by the next settle().
      pending.acknowledged.catch(() => undefined);
      this.inFlight = { position, acknowledged: pending.acknowledged };
    } else {
      if (pending) await pending.acknowledged;
      this.advance(position);
    }
    this.newBatch();
  }

  /** Waits for the batch in flight, if any, and moves the checkpoint past it. */
  private async settle(): Promise<void> {
    const inFlight = this.inFlight;
    if (!inFlight) return;
    this.inFlight = null;
    await inFlight.acknowledged;
    this.advance(inFlight.position);
  }

  private advance(position: number): void {
    this.position = position;
    this.lastError = null;
    const ready = this.waiters.filter((w) => w.position <= this.position);
    this.waiters = this.waiters.filter((w) => w.position > this.position);
    ready.forEach((w) => w.resolve());
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
