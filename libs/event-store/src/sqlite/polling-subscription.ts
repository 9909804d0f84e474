import { EventEmitter } from 'node:events';
import { matchesFilter, RecordedEvent, SubscribeAllOptions, Subscription, SubscriptionMessage } from '../event-store.port';

const BATCH = 500;

/**
 * Catch-up-then-live subscription over a positional log: reads history in batches, reports
 * `caught-up` once, then wakes on in-process appends (or polls, for appends by other processes).
 */
export class PollingSubscription implements Subscription {
  private closed = false;
  private wake: (() => void) | null = null;

  constructor(
    private readonly read: (fromPosition: number, limit: number) => RecordedEvent[],
    private readonly appended: EventEmitter,
    private readonly options: SubscribeAllOptions,
    private readonly pollIntervalMs: number,
  ) {}

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
    let position = this.options.fromPosition ?? 0;
    let caughtUp = false;
    while (!this.closed) {
      const batch = this.read(position, BATCH);
      for (const event of batch) {
        position = event.position;
        if (matchesFilter(event, this.options.filter)) yield { kind: 'event', event };
        if (this.closed) return;
      }
      if (batch.length === BATCH) continue;
      if (!caughtUp) {
        caughtUp = true;
        yield { kind: 'caught-up', position };
      }
      await this.waitForAppend();
    }
  }

  private waitForAppend(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        this.appended.off('closed', onClosed);
        this.wake = null;
        resolve();
      };
      const onClosed = () => { this.closed = true; done(); };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.appended.once('appended', done);
      this.appended.once('closed', onClosed);
      this.wake = done;
    });
  }
}
