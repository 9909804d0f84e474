import { join } from 'node:path';
import { EventStore, SqliteEventStore } from '@civic-ledger/event-store';
import { EsdbEventStore } from '@civic-ledger/event-store/esdb';
import { EsdbFakeServer } from '../tests/infra/esdb-fake/esdb-fake.server';
import { envelope } from './ledger-fixture';
import { latencySummary, now } from './stats';

const OCCURRED = '2024-01-01T00:00:00.000Z';

export interface StoreFigures {
  singleAppendsPerSecond: number;
  concurrentAppendsPerSecond: number;
  concurrentLatencyMs: ReturnType<typeof latencySummary>;
  readAllEventsPerSecond: number;
  subscribeEventsPerSecond: number;
}

/**
 * The same workload on one EventStore adapter: sequential single-event appends, `concurrent` writers
 * on their own streams, then a ledger of `events` events (appended 100 at a time) read through
 * readAll pages and through a catch-up subscription.
 */
export async function storeFigures(store: EventStore, label: string, appends: number, concurrent: number, events: number): Promise<StoreFigures> {
  const stream = `bench-${label}-single`;
  let start = now();
  for (let i = 0; i < appends; i += 1) await store.append(stream, [envelope('Bench', { i }, OCCURRED)], i === 0 ? 'no_stream' : i - 1);
  const singleAppendsPerSecond = (appends / (now() - start)) * 1000;

  const perWriter = Math.max(1, Math.ceil((appends * 2) / concurrent));
  const latencies: number[] = [];
  start = now();
  await Promise.all(Array.from({ length: concurrent }, async (_, w) => {
    for (let i = 0; i < perWriter; i += 1) {
      const t0 = now();
      await store.append(`bench-${label}-w${w}`, [envelope('Bench', { i }, OCCURRED)], i === 0 ? 'no_stream' : i - 1);
      latencies.push(now() - t0);
    }
  }));
  const concurrentAppendsPerSecond = ((perWriter * concurrent) / (now() - start)) * 1000;

  const from = await store.headPosition();
  const pending: Promise<unknown>[] = [];
  for (let i = 0; i < events; i += 100) {
    const batch = Array.from({ length: Math.min(100, events - i) }, (_, n) => envelope('InteractionRecorded', { n: i + n, summary: 'Asked about the status of an application.' }, OCCURRED));
    pending.push(store.append(`bench-${label}-ledger-${i % 64}`, batch, 'any'));
    if (pending.length >= 16) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);

  start = now();
  let read = 0;
  for (let position = from; ;) {
    const page = await store.readAll({ fromPosition: position, limit: 1000 });
    if (page.length === 0) break;
    read += page.length;
    position = page[page.length - 1].position;
  }
  const readAllEventsPerSecond = (read / (now() - start)) * 1000;

  start = now();
  let delivered = 0;
  const subscription = store.subscribeAll({ fromPosition: from });
  for await (const message of subscription) {
    if (message.kind === 'caught-up') break;
    delivered += 1;
  }
  subscription.close();
  const subscribeEventsPerSecond = (delivered / (now() - start)) * 1000;
  return { singleAppendsPerSecond, concurrentAppendsPerSecond, concurrentLatencyMs: latencySummary(latencies), readAllEventsPerSecond, subscribeEventsPerSecond };
}

/**
 * The EventStoreDB adapter against the protocol test server (or a real node with `url`), with the
 * embedded store on the same workload in the same run as the reference. Against the test server the
 * figures measure the adapter, the client and gRPC: protocol overhead, not EventStoreDB's own speed.
 */
export async function esdbFigures(dir: string, appends: number, concurrent: number, events: number, url?: string): Promise<{ target: string; esdb: StoreFigures; embedded: StoreFigures }> {
  const embeddedStore = new SqliteEventStore(join(dir, 'esdb-reference.sqlite'));
  const embedded = await storeFigures(embeddedStore, 'embedded', appends, concurrent, events);
  await embeddedStore.close();
  const server = url ? null : new EsdbFakeServer();
  await server?.start(0);
  const store = new EsdbEventStore(url ?? (server as EsdbFakeServer).url);
  try {
    const esdb = await storeFigures(store, `esdb-${Date.now()}`, appends, concurrent, events);
    return { target: url ? 'EventStoreDB at --esdb-url' : 'protocol test server (in process)', esdb, embedded };
  } finally {
    await store.close();
    await server?.stop();
  }
}
