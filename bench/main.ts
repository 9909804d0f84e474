import 'reflect-metadata';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { AccessLog, replayParty } from '@civic-ledger/audit';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { loadConfig } from '@civic-ledger/config';
import { createEventStore } from '@civic-ledger/composition';
import { rebuildReadModels } from '../apps/cli/src/commands/rebuild.command';
import { COLLECTIONS, findTimeline, LEDGER_PROJECTIONS, rebuildViews, SqliteReadStore } from '@civic-ledger/read-models';
import { envelope, fillLedger } from './ledger-fixture';
import { REBUILD_OPENER } from './rebuild-opener';
import { accessOverheadOverHttp } from './access-bench';
import { httpFigures } from './http-bench';
import { esdbFigures } from './esdb-bench';
import { encryptionOverhead } from './privacy-bench';
import { kafkaFigures } from './kafka-bench';
import { embeddedQueries, mongoFigures } from './mongo-bench';
import { partyViewFigures } from './party-view-bench';
import { rawInserts, rawReadParse, writeNdjson } from './raw-baselines';
import { latencySummary, now } from './stats';

interface Options { cliEvents: number; only?: string; http: boolean; duration: number; rounds: number; connections: number; histories: string; events: number; appends: number; concurrent: number; queries: number; out: string; mongo: boolean; mongoEvents: number; mongoUrl?: string; kafka: boolean; kafkaEvents: number; kafkaRate: number; kafkaSeconds: number; esdb: boolean; esdbEvents: number; esdbUrl?: string; view: boolean; viewInteractions: number }
interface Result { name: string; value: number; unit: string; baseline?: number; ratio?: number; target?: string; extra?: Record<string, unknown> }

const PAYLOAD = JSON.stringify({ interactionId: 'x', channel: 'phone', summary: 'Asked about the status of an application.', partyIds: ['p'] });
const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Block sizes that add up to `total`: the append figures alternate the raw baseline and the store block by block. */
function blocks(total: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Math.floor((total * (i + 1)) / count) - Math.floor((total * i) / count)).filter((n) => n > 0);
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * The store and its raw baseline in alternating blocks (which goes first alternates too), after a warm-up of
 * both that is not timed: on a shared machine the disk's commit rate moves from second to second, and a block
 * of each then sees the same disk. The ratio is the median of the blocks' ratios (a stall of the disk in one
 * block does not decide it); the rates are over all blocks.
 */
async function alternating(
  sizes: readonly number[], raw: (count: number) => number, ours: (count: number) => Promise<void>, warmUp: number, total: number,
): Promise<{ ours: number; raw: number; ratio: number; blockRatios: number[] }> {
  raw(warmUp);
  await ours(warmUp);
  let rawMs = 0;
  let oursMs = 0;
  const blockRatios: number[] = [];
  for (const [b, count] of sizes.entries()) {
    let r = 0;
    let o = 0;
    const timeOurs = async () => {
      const start = now();
      await ours(count);
      o = now() - start;
    };
    if (b % 2 === 0) {
      r = raw(count);
      await timeOurs();
    } else {
      await timeOurs();
      r = raw(count);
    }
    rawMs += r;
    oursMs += o;
    blockRatios.push(round(r / o));
  }
  return { ours: (total / oursMs) * 1000, raw: (total / rawMs) * 1000, ratio: median(blockRatios), blockRatios };
}

async function singleWriter(dir: string, o: Options): Promise<Result> {
  const raw = rawInserts(join(dir, 'raw-single.sqlite'), PAYLOAD);
  const store = new SqliteEventStore(join(dir, 'single.sqlite'));
  let i = 0;
  const appends = async (count: number) => {
    for (const end = i + count; i < end; i += 1) await store.append('bench-single', [envelope('Bench', { i }, '2024-01-01T00:00:00.000Z')], i === 0 ? 'no_stream' : i - 1);
  };
  const r = await alternating(blocks(o.appends, 10), (count) => raw.single(count), appends, Math.ceil(o.appends / 20), o.appends);
  raw.close();
  await store.close();
  return {
    name: 'durable single-writer append', value: round(r.ours), unit: 'appends/s', baseline: round(r.raw), ratio: r.ratio, target: 'ratio >= 0.7',
    extra: { blockRatios: r.blockRatios },
  };
}

async function concurrentWriters(dir: string, o: Options): Promise<Result> {
  const raw = rawInserts(join(dir, 'raw-group.sqlite'), PAYLOAD);
  const store = new SqliteEventStore(join(dir, 'concurrent.sqlite'));
  const perWriter = Math.ceil((o.appends * 4) / o.concurrent);
  let latencies: number[] = [];
  const next = new Array<number>(o.concurrent).fill(0);
  const appends = (count: number) => Promise.all(Array.from({ length: o.concurrent }, async (_, w) => {
    for (const end = next[w] + count; next[w] < end; next[w] += 1) {
      const i = next[w];
      const t0 = now();
      await store.append(`bench-w${w}`, [envelope('Bench', { i }, '2024-01-01T00:00:00.000Z')], i === 0 ? 'no_stream' : i - 1);
      latencies.push(now() - t0);
    }
  })).then(() => undefined);
  const warmUp = Math.ceil(perWriter / 10);
  const r = await alternating(
    blocks(perWriter, 5), (count) => raw.group(count * o.concurrent, o.concurrent), async (count) => {
      if (next[0] === warmUp) latencies = [];
      await appends(count);
    }, warmUp, perWriter * o.concurrent,
  );
  raw.close();
  await store.close();
  return {
    name: `${o.concurrent} concurrent appenders (group commit)`, value: round(r.ours), unit: 'appends/s', baseline: round(r.raw), ratio: r.ratio,
    target: 'ratio >= 0.5, p99 <= 10 ms', extra: { latencyMs: latencySummary(latencies), blockRatios: r.blockRatios },
  };
}

/** The ledger as NDJSON lines, read in batches so memory stays flat. */
function* ledgerLines(events: SqliteEventStore): Generator<string> {
  for (let position = 0; ;) {
    const batch = events.readAllSync(position, 5000);
    if (batch.length === 0) return;
    for (const event of batch) yield JSON.stringify(event);
    position = batch[batch.length - 1].position;
  }
}

async function rebuildAndQuery(dir: string, o: Options): Promise<Result[]> {
  const events = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  let last = 0;
  const { partyIds } = await fillLedger(events, o.events, (done) => {
    if (done - last >= o.events / 10) { last = done; log(`  filled ${done}/${o.events} events`); }
  });
  const ndjson = join(dir, 'ledger.ndjson');
  await writeNdjson(ndjson, ledgerLines(events));
  const raw = await rawReadParse(ndjson);
  await events.close();
  // The rebuild runs in its own process, as `civic-ledger rebuild` does, so its peak RSS is its own: once
  // projecting in one thread, once in worker threads (one per core, at most 4; the command leaves a core to its writer).
  const threads = Math.min(availableParallelism(), 4);
  const rebuild = (n: number, file: string) => JSON.parse(execFileSync(process.execPath, [__filename, 'rebuild-worker', dir, String(n), file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })) as RebuildRun;
  const single = rebuild(1, 'views-1-thread.sqlite');
  const parallel = rebuild(threads, 'views.sqlite');
  const rebuildRow = (run: RebuildRun): Result => {
    const rate = (run.events / run.ms) * 1000;
    return {
      name: `projector rebuild of ${o.events} events, ${run.threads} thread${run.threads === 1 ? '' : 's'}`, value: round(rate), unit: 'events/s', baseline: round(raw.perSecond), ratio: round(rate / raw.perSecond, 3),
      target: 'ratio >= 0.25, RSS <= 512 MB', extra: { peakRssMb: run.maxRssMb, seconds: round(run.ms / 1000, 1), cpuSeconds: round(run.cpuMs / 1000, 2), cpuUsPerEvent: round((run.cpuMs * 1000) / run.events, 1) },
    };
  };
  const views = new SqliteReadStore(join(dir, 'views.sqlite'));
  for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await views.ensureCollection(c.name, c.indexes);
  const samples: number[] = [];
  for (let q = 0; q < o.queries; q += 1) {
    const partyId = partyIds[Math.floor(Math.random() * partyIds.length)];
    const t0 = now();
    await findTimeline(views, [partyId], {}, 50);
    samples.push(now() - t0);
  }
  // Time travel answers from the party's own streams, not a replay of the ledger.
  const ledger = new SqliteEventStore(join(dir, 'ledger.sqlite'));
  const asOf = new Date().toISOString();
  const travel: number[] = [];
  for (let q = 0; q < Math.min(o.queries, 500); q += 1) {
    const t0 = now();
    await replayParty(ledger, views, partyIds[(q * 7919) % partyIds.length], { asOf });
    travel.push(now() - t0);
  }
  const access = await accessLedgerOverhead(ledger, views, partyIds, Math.max(5000, o.queries * 5));
  await ledger.close();
  await views.close();
  const http = await accessOverheadOverHttp(200, Math.max(500, Math.floor(o.queries / 2)), 4);
  return [
    access,
    {
      name: `access ledger: party view over HTTP, person (recorded) vs machine client (not recorded), ${http.reads} reads each`, value: round(http.overheadPercent), unit: '% slower',
      target: 'a few percent at most', extra: { latencyMsRecorded: http.recorded, latencyMsUnrecorded: http.unrecorded },
    },
    { name: `time travel: a party's view and timeline as of an instant, at ${o.events} events`, value: latencySummary(travel).p50, unit: 'ms p50', extra: { latencyMs: latencySummary(travel), eventsPerParty: Math.round(o.events / partyIds.length) } },
    rebuildRow(single),
    rebuildRow(parallel),
    ...(o.cliEvents > 0 ? [await cliRebuild(dir, o.cliEvents, raw.perSecond)] : []),
    { name: `timeline query (page of 50) at ${o.events} events`, value: latencySummary(samples).p50, unit: 'ms p50', target: 'p50 <= 0.5 ms, p99 <= 2 ms', extra: { latencyMs: latencySummary(samples), queries: o.queries } },
  ];
}

/** `cpuMs`: the rebuild process's CPU time (user + system, every thread), steadier than `ms` on a shared machine. */
interface RebuildRun { events: number; ms: number; cpuMs: number; maxRssMb: number; threads: number }

/**
 * `civic-ledger rebuild` as an operator runs it, on a data directory whose ledger was written through the
 * encrypting store (personal fields sealed, one data key per party): the rebuild reads it decrypting, in
 * the command's worker threads. Its own figure (the new set: projection, indexes, checksums) against the
 * raw read+parse baseline of the unencrypted ledger measured above.
 */
async function cliRebuild(dir: string, events: number, rawPerSecond: number): Promise<Result> {
  const dataDir = join(dir, 'cli-data');
  mkdirSync(dataDir);
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const sealed = createEventStore(loadConfig(env));
  let last = 0;
  await fillLedger(sealed, events, (done) => {
    if (done - last >= events / 5) { last = done; log(`  filled ${done}/${events} sealed events`); }
  });
  await sealed.close();
  const run = JSON.parse(execFileSync(process.execPath, [__filename, 'cli-rebuild-worker'], { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] })) as {
    events: number; rebuildSeconds: number; threads: number; identicalToLive: boolean; maxRssMb: number;
  };
  const rate = run.events / run.rebuildSeconds;
  return {
    name: `civic-ledger rebuild through the encrypting store, ${events} events, ${run.threads} thread${run.threads === 1 ? '' : 's'}`, value: round(rate), unit: 'events/s',
    baseline: round(rawPerSecond), ratio: round(rate / rawPerSecond, 3), target: 'ratio >= 0.25, RSS <= 512 MB',
    extra: {
      seconds: run.rebuildSeconds, peakRssMb: run.maxRssMb, identicalToLive: run.identicalToLive,
      note: 'the new set alone (projection, indexes, checksums); peak RSS includes the live set catching up in the same process',
    },
  };
}

/**
 * The access ledger's cost on a party view: the same reads of the live party document with and
 * without recording each one (the batched appends, flushed before the clock stops, are included).
 * Alternating rounds keep cache and clock effects out of the ratio.
 */
async function accessLedgerOverhead(ledger: SqliteEventStore, views: SqliteReadStore, partyIds: string[], reads: number): Promise<Result> {
  const log = new AccessLog(ledger);
  const pass = async (record: boolean) => {
    const t0 = now();
    for (let i = 0; i < reads; i += 1) {
      const partyId = partyIds[(i * 7919) % partyIds.length];
      await views.get(COLLECTIONS.parties, partyId);
      if (record) log.record({ partyId, actor: 'bench', role: 'caseworker', endpoint: 'view', at: new Date() });
    }
    if (record) await log.flush();
    return now() - t0;
  };
  let plain = 0;
  let recorded = 0;
  for (let r = 0; r < 4; r += 1) {
    plain += await pass(false);
    recorded += await pass(true);
  }
  return {
    name: `access ledger: CPU per recorded read (batched append included), ${reads * 4} reads`, value: round(((recorded - plain) * 1000) / (reads * 4), 2), unit: 'µs per read',
    extra: { bareDocumentReadUs: round((plain * 1000) / (reads * 4), 2), note: 'against a bare read-store get, not an HTTP view; see the next row for the view' },
  };
}

/** The scoped party view at a party's history of n/10 and n interactions: its cost must not grow with the history. */
async function partyViewResults(dir: string, o: Options): Promise<Result[]> {
  const large = o.viewInteractions;
  const small = Math.max(1, Math.floor(large / 10));
  const f = await partyViewFigures(dir, small, large, Math.min(o.queries, 2000));
  const [s, l] = f.view;
  return [
    {
      name: `scoped party view (department supervisor, query handler on the embedded read store, no HTTP) at ${large} vs ${small} interactions`, value: l.p50, unit: 'ms p50',
      baseline: s.p50, ratio: round(l.p50 / s.p50), target: `ratio <= 1.2 (p99 ratio ${round(l.p99 / s.p99)})`,
      extra: { latencyMs: { [small]: s, [large]: l }, reads: f.reads, oldScanLatencyMs: { [small]: f.scan[0], [large]: f.scan[1] } },
    },
    {
      name: `scoped timeline page of 50 for a party with ${large} interactions`, value: f.timeline.p50, unit: 'ms p50', target: 'p50 <= 0.5 ms, p99 <= 2 ms',
      extra: { latencyMs: f.timeline, reads: f.reads },
    },
  ];
}

async function kafkaResults(dir: string, o: Options): Promise<Result[]> {
  const ledgerDir = join(dir, 'relay');
  mkdirSync(ledgerDir);
  const events = new SqliteEventStore(join(ledgerDir, 'ledger.sqlite'));
  await fillLedger(events, o.kafkaEvents, () => undefined);
  await events.close();
  const kafka = await kafkaFigures(ledgerDir, o.kafkaRate, o.kafkaSeconds);
  if (!kafka) {
    log('  Kafka relay benchmark skipped: no Java to start the broker');
    return [];
  }
  return [
    {
      name: `relay to Kafka (real broker), ${kafka.events} events (${kafka.messages} messages)`, value: round(kafka.eventsPerSecond), unit: 'events/s', target: '>= 20,000 events/s',
      // Ratio in messages/s: the raw kafkajs producer sends the relay's own messages, pre-encoded, in its batches.
      baseline: round(kafka.rawMessagesPerSecond), ratio: round(kafka.messagesPerSecond / kafka.rawMessagesPerSecond),
      extra: {
        messagesPerSecond: round(kafka.messagesPerSecond), rawMessagesPerSecond: round(kafka.rawMessagesPerSecond),
        // The same raw producer with the relay's Produce encoding, and each phase's CPU (share of one core: this process, the broker).
        rawFastMessagesPerSecond: round(kafka.rawFastMessagesPerSecond), ratioToRawFast: round(kafka.messagesPerSecond / kafka.rawFastMessagesPerSecond), cpu: kafka.cpu,
      },
    },
    { name: `relay append-to-ack lag at ${kafka.rate} events/s`, value: kafka.lag.p50, unit: 'ms p50', target: 'p99 <= 100 ms', extra: { latencyMs: kafka.lag } },
  ];
}

/** Embedded and MongoDB read models side by side on one ledger of `mongoEvents` events. */
async function readStoreComparison(dir: string, o: Options): Promise<Result[]> {
  const sub = join(dir, 'compare');
  mkdirSync(sub);
  const events = new SqliteEventStore(join(sub, 'ledger.sqlite'));
  const { partyIds } = await fillLedger(events, o.mongoEvents, () => undefined);
  const views = new SqliteReadStore(join(sub, 'views.sqlite'), { bulkLoad: true });
  const started = now();
  await rebuildViews(events, views, undefined, () => views.buildDeferredIndexes());
  const embeddedRate = (o.mongoEvents / (now() - started)) * 1000;
  await views.close();
  await events.close();
  const samples = Math.min(o.queries, 1000);
  const embedded = await embeddedQueries(sub, partyIds, samples);
  const results: Result[] = [
    { name: `embedded: projector into SQLite, ${o.mongoEvents} events`, value: round(embeddedRate), unit: 'events/s' },
    { name: `embedded: view / timeline page / search at ${o.mongoEvents} events`, value: embedded.view.p50, unit: 'ms p50 (view)', extra: { ...embedded } },
  ];
  if (!o.mongo) return results;
  const mongo = await mongoFigures(sub, partyIds, samples, o.mongoUrl);
  if (!mongo) {
    log('  MongoDB comparison skipped: no MONGODB_URL and no Java to start the wire server');
    return results;
  }
  return [...results,
    { name: `mongo: projector into ${mongo.target}, ${mongo.events} events`, value: round(mongo.eventsPerSecond), unit: 'events/s', baseline: round(embeddedRate), ratio: round(mongo.eventsPerSecond / embeddedRate, 3), extra: { baseline: 'embedded SQLite projector, same ledger, same run' } },
    { name: `mongo: view / timeline page / search at ${mongo.events} events`, value: mongo.queries.view.p50, unit: 'ms p50 (view)', extra: { ...mongo.queries } },
  ];
}

async function esdbResults(dir: string, o: Options): Promise<Result[]> {
  const appends = Math.max(100, Math.floor(o.appends / 2));
  const { target, esdb, embedded } = await esdbFigures(dir, appends, o.concurrent, o.esdbEvents, o.esdbUrl);
  const label = o.esdbUrl ? 'EventStoreDB adapter' : 'EventStoreDB adapter on the protocol test server (protocol overhead only, not EventStoreDB speed)';
  const row = (name: string, ours: number, reference: number, unit: string, extra?: Record<string, unknown>): Result => ({
    name: `${label}: ${name}`, value: round(ours), unit, baseline: round(reference), ratio: round(ours / reference, 3), extra: { baseline: 'embedded SQLite store, same workload, same run', target, ...extra },
  });
  return [
    row(`single-writer append (${appends})`, esdb.singleAppendsPerSecond, embedded.singleAppendsPerSecond, 'appends/s'),
    row(`${o.concurrent} concurrent appenders`, esdb.concurrentAppendsPerSecond, embedded.concurrentAppendsPerSecond, 'appends/s', { latencyMs: esdb.concurrentLatencyMs }),
    row(`readAll pages over ${o.esdbEvents} events`, esdb.readAllEventsPerSecond, embedded.readAllEventsPerSecond, 'events/s'),
    row(`catch-up subscription over ${o.esdbEvents} events`, esdb.subscribeEventsPerSecond, embedded.subscribeEventsPerSecond, 'events/s'),
  ];
}

async function privacyResults(dir: string): Promise<Result[]> {
  const parties = 1000;
  const { plain, sealed } = await encryptionOverhead(dir, parties, 4);
  const row = (name: string, ours: number, reference: number, unit: string): Result => ({
    name: `field encryption: ${name}`, value: round(ours), unit, baseline: round(reference), ratio: round(ours / reference, 3),
    extra: { baseline: 'the same workload on the embedded store without sealing, same run' },
  });
  return [
    row(`register ${parties} parties (a new data key each, durably stored)`, sealed.registrations, plain.registrations, 'appends/s'),
    row(`record ${parties * 4} interactions (sealed with an existing key)`, sealed.interactions, plain.interactions, 'appends/s'),
    row('read back and open everything (readAll)', sealed.reads, plain.reads, 'events/s'),
  ];
}

async function main(o: Options): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cl-bench-'));
  const results: Result[] = [];
  try {
    log(`benchmarking in ${dir} (events=${o.events}, appends=${o.appends}, concurrent=${o.concurrent})`);
    const only = o.only ? new Set(o.only.split(',').map((x) => x.trim())) : null;
    const wanted = (section: string, on = true) => (only ? only.has(section) : on);
    if (wanted('append')) {
      results.push(await singleWriter(dir, o));
      log(`  ${results[results.length - 1].name}: done`);
      results.push(await concurrentWriters(dir, o));
      log(`  ${results[results.length - 1].name}: done`);
    }
    if (wanted('view', o.view)) results.push(...await partyViewResults(dir, o));
    if (wanted('rebuild')) results.push(...await rebuildAndQuery(dir, o));
    if (wanted('privacy')) results.push(...await privacyResults(dir));
    if (wanted('esdb', o.esdb)) results.push(...await esdbResults(dir, o));
    if (wanted('kafka', o.kafka)) results.push(...await kafkaResults(dir, o));
    if (wanted('mongo', o.mongo)) results.push(...await readStoreComparison(dir, o));
    if (wanted('http', o.http)) {
      const histories = o.histories.split(',').map((n) => Number.parseInt(n, 10)).filter((n) => n > 0);
      results.push(...await httpFigures(dir, { duration: o.duration, connections: o.connections, histories, rounds: o.rounds }));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(o.out, { recursive: true });
  const file = join(o.out, `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  const report = {
    at: new Date().toISOString(), node: process.version, platform: `${process.platform} ${process.arch}`, cores: availableParallelism(),
    loadAverage: loadavg().map((l) => round(l, 1)), options: o, results,
  };
  writeFileSync(file, JSON.stringify(report, null, 2));
  writeFileSync(join(o.out, 'latest.json'), JSON.stringify(report, null, 2));
  const rows = results.map((r) => `| ${r.name} | ${r.value} ${r.unit} | ${r.baseline ?? ''} | ${r.ratio ?? ''} | ${r.extra ? JSON.stringify(r.extra) : ''} | ${r.target ?? ''} |`);
  process.stdout.write(['| benchmark | ours | raw baseline | ratio | detail | target |', '|---|---|---|---|---|---|', ...rows, '', `written to ${file}`, ''].join('\n'));
}

/** Child process: rebuild <dir>/<file> from <dir>/ledger.sqlite in `threads` threads and report time and peak RSS. */
async function rebuildWorker(dir: string, threads: number, file: string): Promise<void> {
  const ledger = join(dir, 'ledger.sqlite');
  const events = new SqliteEventStore(ledger);
  const views = new SqliteReadStore(join(dir, file), { bulkLoad: true });
  const started = now();
  const cpu = process.cpuUsage();
  const result = await rebuildViews(events, views, undefined, () => views.buildDeferredIndexes(), {
    threads: { threads, opener: REBUILD_OPENER, args: { ledger } },
  });
  const ms = now() - started;
  const used = process.cpuUsage(cpu);
  await views.close();
  await events.close();
  process.stdout.write(JSON.stringify({ events: result.position, ms, cpuMs: (used.user + used.system) / 1000, threads: result.threads, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

/** Child process: `civic-ledger rebuild --no-swap` on DATA_DIR, as the command runs it. */
async function cliRebuildWorker(): Promise<void> {
  const summary = await rebuildReadModels(false);
  process.stdout.write(JSON.stringify({ ...summary, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
}

const int = (v: string) => Number.parseInt(v, 10);
const positiveInt = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('a whole number of at least 1');
  return n;
};
const failed = (error: unknown) => { process.stderr.write(String(error)); process.exitCode = 1; };
if (process.argv[2] === 'rebuild-worker') {
  rebuildWorker(process.argv[3], Number(process.argv[4]), process.argv[5]).catch(failed);
} else if (process.argv[2] === 'cli-rebuild-worker') {
  cliRebuildWorker().catch(failed);
} else new Command('bench')
  .description('civic-ledger benchmarks against raw baselines measured in the same run')
  .option('--events <n>', 'ledger size for rebuild and timeline queries', int, 200_000)
  .option('--appends <n>', 'appends for the single-writer run (x4 for the concurrent run)', int, 2000)
  .option('--concurrent <n>', 'concurrent appenders', int, 64)
  .option('--cli-events <n>', 'ledger size for `civic-ledger rebuild` through the encrypting store (0: skip)', int, 50_000)
  .option('--queries <n>', 'timeline queries to sample', int, 2000)
  .option('--out <dir>', 'where JSON results go', 'bench-results')
  .option('--no-mongo', 'skip the MongoDB read-model comparison')
  .option('--mongo-events <n>', 'ledger size for the read-store comparison (100000+ with --mongo-url; the wire test server slows down with size)', int, 20_000)
  .option('--mongo-url <url>', 'a real MongoDB (default: start the MongoDB-wire test server)')
  .option('--no-esdb', 'skip the EventStoreDB adapter benchmark')
  .option('--esdb-events <n>', 'ledger size for the EventStoreDB read and subscribe figures', int, 20_000)
  .option('--esdb-url <url>', 'a real EventStoreDB (default: the protocol test server, in process)')
  .option('--no-view', 'skip the scoped party view figures')
  .option('--view-interactions <n>', 'history of the large party for the scoped view figure (the small one has a tenth)', int, 50_000)
  .option('--only <sections>', 'run only these sections (comma-separated): append, view, rebuild, privacy, esdb, kafka, mongo, http')
  .option('--no-http', 'skip the HTTP section (real server and bare Node server under autocannon)')
  .option('--duration <seconds>', 'HTTP: seconds of load per figure (after a warm-up of a third of that)', int, 10)
  .option('--connections <n>', 'HTTP: concurrent connections', int, 50)
  .option('--rounds <n>', 'HTTP: rounds in which each path and its baseline are loaded in turn (figures: medians)', positiveInt, 3)
  .option('--histories <list>', 'HTTP: interactions of the parties whose view is measured', '5000,50000')
  .option('--no-kafka', 'skip the Kafka relay benchmark')
  .option('--kafka-events <n>', 'ledger size for the relay throughput', int, 100_000)
  .option('--kafka-rate <n>', 'steady append rate for the relay lag measurement', int, 1000)
  .option('--kafka-seconds <n>', 'how long to hold that rate', int, 10)
  .action((o: Options) => main(o))
  .parseAsync(process.argv)
  .catch((error: unknown) => { process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`); process.exitCode = 1; });
