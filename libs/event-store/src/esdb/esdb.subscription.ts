import { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { EventStoreUnavailable } from '../event-store.errors';
import { matchesFilter, RecordedEvent, Subscription, SubscriptionFilter, SubscriptionMessage } from '../event-store.port';
import { fromResolved, isSystemEvent } from './esdb.envelope';

/** Events queued ahead of the consumer before the gRPC stream is paused (flow control). */
const HIGH_WATER = 2048;
const LOW_WATER = 256;

/**
 * Adapts the client's `$all` subscription (a Node stream plus a `caughtUp` signal) to our
 * catch-up-then-live iterator. The server filters system events out; our own filter runs here so
 * that every non-system event still advances the position reported with `caught-up`.
 *
 * The client raises `caughtUp` while transforming the server's message, which can be before the
 * events ahead of it in its readable buffer have been emitted; the marker is therefore placed after
 * exactly that many more events.
 */
export class EsdbSubscription implements Subscription {
  private readonly queue: SubscriptionMessage[] = [];
  private head = 0;
  private wake: (() => void) | null = null;
  private failure: unknown = null;
  private ended = false;
  private closed = false;
  private paused = false;
  private caughtUpAfter: number | null = null;
  private caughtUp = false;
  private lastPosition: number;

  constructor(
    private readonly source: AllStreamSubscription,
    fromPosition: number,
    private readonly filter: SubscriptionFilter | undefined,
    private readonly mapError: (error: unknown) => unknown,
  ) {
    this.lastPosition = fromPosition;
    source.on('data', (resolved: AllStreamResolvedEvent) => this.onEvent(resolved));
    source.on('caughtUp', () => {
      const buffered = source.readableLength;
      if (buffered === 0) this.markCaughtUp();
      else this.caughtUpAfter = buffered;
    });
    source.on('error', (error: unknown) => {
      this.failure = error;
      this.notify();
    });
    source.on('end', () => {
      this.ended = true;
      this.notify();
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    void this.source.unsubscribe().catch(() => undefined);
    this.notify();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    try {
      for (;;) {
        if (this.closed) return;
        if (this.head < this.queue.length) {
          const message = this.queue[this.head];
          this.head += 1;
          if (this.head === this.queue.length) {
            this.queue.length = 0;
            this.head = 0;
          }
          if (this.paused && this.queue.length - this.head <= LOW_WATER) {
            this.paused = false;
            this.source.resume();
          }
          yield message;
          continue;
        }
        if (this.failure) throw this.mapError(this.failure);
        if (this.ended) throw new EventStoreUnavailable('EventStoreDB ended the subscription; resubscribe from the last checkpoint.');
        await new Promise<void>((resolve) => { this.wake = resolve; });
      }
    } finally {
      this.close();
    }
  }

  private onEvent(resolved: AllStreamResolvedEvent): void {
    if (this.closed) return;
    if (!isSystemEvent(resolved)) {
      let event: RecordedEvent | null = null;
      try {
        event = fromResolved(resolved);
      } catch (error) {
        this.failure = error;
      }
      if (event) {
        this.lastPosition = event.position;
        if (matchesFilter(event, this.filter)) this.queue.push({ kind: 'event', event });
      }
    }
    if (this.caughtUpAfter !== null) {
      this.caughtUpAfter -= 1;
      if (this.caughtUpAfter === 0) {
        this.caughtUpAfter = null;
        this.markCaughtUp();
      }
    }
    if (!this.paused && this.queue.length - this.head >= HIGH_WATER) {
      this.paused = true;
      this.source.pause();
    }
    this.notify();
  }

  private markCaughtUp(): void {
    if (this.caughtUp) return;
    this.caughtUp = true;
    this.queue.push({ kind: 'caught-up', position: this.lastPosition });
    this.notify();
  }

  private notify(): void {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
