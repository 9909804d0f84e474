import { parentPort, workerData } from 'node:worker_threads';
import { EventStore, SubscribeAllOptions, Subscription, SubscriptionMessage } from '@civic-ledger/event-store';
import { LEDGER_PROJECTIONS } from './projections/ledger-projections';
import { Projector } from './projector';
import { RemoteReadStore } from './rebuild-remote-store';
import type { RebuildLedgerOpener, RebuildWorkerData, RebuildWorkerMessage } from './rebuild-threads';

/**
 * One worker thread of a parallel rebuild: opens the ledger itself (through the opener module it is
 * given), projects its share of the projections from the ledger up to `head`, committing documents with
 * each projection's own checkpoint exactly as a projector does into the set the rebuild's thread serves
 * it (its documents serialised here), and reports.
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
  const opener = (require(data.opener) as { openRebuildLedger: RebuildLedgerOpener }).openRebuildLedger;
  const events = await opener(data.args);
  const target = new RemoteReadStore(data.store);
  let position: number;
  try {
    const projector = new Projector(upTo(events, data.head), target, {
      projections: LEDGER_PROJECTIONS.filter((p) => data.projections.includes(p.name)),
      batchSize: data.batchSize,
      onBatch: ({ position: reached }) => post({ kind: 'progress', position: reached }),
    });
    await projector.init();
    projector.start();
    await projector.waitFor(data.head);
    await projector.stop();
    position = projector.checkpoint;
    // The last batch is written (or its failure thrown) before the thread says it is done.
    await target.close();
  } finally {
    await events.close();
  }
  post({ kind: 'done', position });
}

main(workerData as RebuildWorkerData).catch((error: unknown) => {
  // Surfaces as the worker's 'error' event in the parent.
  setImmediate(() => { throw error; });
});
