import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { SqliteEventStore } from '@civic-ledger/event-store';
import {
  COLLECTIONS, findTimeline, LEDGER_PROJECTIONS, PartyView, ReadStore, rebuildViews, searchParties, SqliteReadStore,
} from '@civic-ledger/read-models';
import { MongoReadStore } from '@civic-ledger/read-models/mongo';
import { haveJava } from '../tests/infra/java-server';
import { startMongoWire } from '../tests/infra/mongo-wire';
import { latencySummary, now } from './stats';

export interface QueryFigures {
  view: ReturnType<typeof latencySummary>;
  timeline: ReturnType<typeof latencySummary>;
  search: ReturnType<typeof latencySummary>;
}

async function sample(samples: number, run: (i: number) => Promise<unknown>): Promise<ReturnType<typeof latencySummary>> {
  const times: number[] = [];
  for (let i = 0; i < samples; i += 1) {
    const t0 = now();
    await run(i);
    times.push(now() - t0);
  }
  return latencySummary(times);
}

/** Consolidated view, timeline page and name search latencies on any read store. */
export async function queryFigures(views: ReadStore, partyIds: readonly string[], samples: number): Promise<QueryFigures> {
  const pick = (i: number) => partyIds[(i * 7919) % partyIds.length];
  return {
    view: await sample(samples, (i) => views.get<PartyView>(COLLECTIONS.parties, pick(i))),
    timeline: await sample(samples, (i) => findTimeline(views, [pick(i)], {}, 50)),
    search: await sample(samples, (i) => searchParties(views, { q: `person ${pick(i).slice(0, 3)}`, limit: 20 })),
  };
}

export async function embeddedQueries(dir: string, partyIds: readonly string[], samples: number): Promise<QueryFigures> {
  const views = new SqliteReadStore(join(dir, 'views.sqlite'));
  for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await views.ensureCollection(c.name, c.indexes);
  const figures = await queryFigures(views, partyIds, samples);
  await views.close();
  return figures;
}

/**
 * Projector throughput into MongoDB and query latencies there: against MONGODB_URL when given,
 * otherwise the MongoDB-wire test server (mongo-java-server, in memory: protocol and projector cost,
 * not MongoDB's own speed).
 */
export async function mongoFigures(dir: string, partyIds: readonly string[], samples: number, url: string | undefined): Promise<{ target: string; eventsPerSecond: number; events: number; queries: QueryFigures } | null> {
  let stop = () => undefined as void;
  let base = url;
  if (!base) {
    if (!haveJava()) return null;
    const server = await startMongoWire();
    base = server.url;
    stop = () => { server.process.kill('SIGTERM'); };
  }
  try {
    const events = new SqliteEventStore(join(dir, 'ledger.sqlite'));
    const views = MongoReadStore.connect(`${base}/cl_bench_${randomUUID().slice(0, 8)}`);
    const started = now();
    const result = await rebuildViews(events, views);
    const eventsPerSecond = (result.position / (now() - started)) * 1000;
    const queries = await queryFigures(views, partyIds, samples);
    await views.close();
    await events.close();
    return { target: url ? 'MongoDB at MONGODB_URL' : 'MongoDB-wire test server (mongo-java-server, in memory)', eventsPerSecond, events: result.position, queries };
  } finally {
    stop();
  }
}
