import { parentPort, workerData } from 'node:worker_threads';
import { EventStore, SubscribeAllOptions, Subscription, SubscriptionMessage } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS } from './projections/ledger-projections';
import { Projector } from './projector';
import type { RebuildStoresOpener, RebuildWorkerData, RebuildWorkerMessage } from './rebuild-threads';

/**
 * One worker thread of a parallel rebuild: opens the ledger and the target set itself (through the
 * opener module it is given), projects its share of the projections from the ledger up to `head`,
 * committing documents with each projection's own checkpoint exactly as a projector does, and reports.
 */
/** The ledger as it stood at `head`: its subscriptions end there, so every thread's projections stop at the same position. */
function upTo(events: EventStore, head: number): EventStore {
  const subscribeAll = (options?: SubscribeAllOptions): Subscription => {
    const inner = events.subscribeAll(options);
    return {
      close: () => inner.close(),
      async *[Symbol.asyncIterator](): AsyncIterator<SubscriptionMessage> {
        if ((options?.fromPosition ?? 0) >= head) return;
        for await (const message of inner) {
          if (message.kind !== 'event') continue;
          if (message.event.position > head) return;
          yield message;
          if (message.event.position === head) return;
        }
      },
    };
  };
  return new Proxy(events, {
    get: (store, property) => {
      if (property === 'subscribeAll') return subscribeAll;
      const value: unknown = Reflect.get(store, property, store);
      return typeof value === 'function' ? value.bind(store) : value;
    },
  });
}

async function main(data: RebuildWorkerData): Promise<void> {
  const post = (message: RebuildWorkerMessage) => parentPort?.postMessage(message);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const opener = (require(data.opener) as { openRebuildStores: RebuildStoresOpener }).openRebuildStores;
  const { events, target } = await opener(data.args);
  try {
    const projector = new Projector(upTo(events, data.head), target, {
      projections: LEDGER_PROJECTIONS.filter((p) => data.projections.includes(p.name)),
      batchSize: data.batchSize,
      onBatch: ({ position }) => post({ kind: 'progress', position }),
    });
    await projector.init();
    projector.start();
    await projector.waitFor(data.head);
    await projector.stop();
    post({ kind: 'done', position: projector.checkpoint });
  } finally {
    await target.close();
    await events.close();
  }
}

main(workerData as RebuildWorkerData).catch((error: unknown) => {
  // Surfaces as the worker's 'error' event in the parent.
  setImmediate(() => { throw error; });
});
