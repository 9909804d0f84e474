import { ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { NestFactory } from '@nestjs/core';
import { CqrsModule, CommandBus } from '@nestjs/cqrs';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from '@civic-ledger/config';
import { ApplicationModule, Principal, readScope, RegisterPartyCommand, scopeFilter, WriteContext } from '@civic-ledger/application';
import { LedgerModule, mintLocalToken } from '@civic-ledger/composition';
import { EVENT_STORE, EventStore, NewEvent } from '@civic-ledger/event-store';
import { CHANNELS, Confidentiality, interactionStreamId, SCHEMA_VERSION } from '@civic-ledger/domain';
import { freePort } from '../tests/infra/free-port';
import { TimelineBaseline } from './bare-server';

export interface HttpOptions {
  /** Seconds of load per figure (after a warm-up of a third of it). */
  readonly duration: number;
  readonly connections: number;
  /** Interactions of the parties whose view is measured. */
  readonly histories: readonly number[];
  /** Rounds in which each path and its baseline are loaded in turn (the figures are the medians over them). */
  readonly rounds: number;
}

interface Load {
  readonly reqPerSec: number;
  readonly latencyMs: { p50: number; p99: number };
  readonly non2xx: number;
  readonly errors: number;
  /** Server CPU time (user + system) per answered request during the measured run, when /proc tells. */
  readonly cpuMsPerRequest?: { server: number; worker?: number };
}

/** CPU time (user + system, ms) of a process from /proc (Linux); null elsewhere or once it is gone. */
function cpuMs(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = 100;

/** The processes `serve` started (its worker), from /proc (Linux). */
function childrenOf(pid: number | undefined): number[] {
  if (!pid) return [];
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

export interface HttpResult { name: string; value: number; unit: string; baseline?: number; ratio?: number; target?: string; extra?: Record<string, unknown> }

const ROOT = join(__dirname, '..', '..');
const DEPARTMENT = 'housing';
const log = (message: string) => process.stderr.write(`${message}\n`);
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

@Module({})
class SeedLedgerModule {
  static forRoot(config: AppConfig): DynamicModule {
    // The server started afterwards projects what is seeded here.
    return { module: SeedLedgerModule, imports: [CqrsModule.forRoot(), LedgerModule.forRoot(config, { runProjector: false }), ApplicationModule] };
  }
}

const context = (): WriteContext => ({ actor: 'bench-seed', principal: { sub: 'bench-seed', role: 'supervisor', departments: [DEPARTMENT, 'benefits'] }, correlationId: randomUUID(), requestHash: 'bench' });

/** An interaction as the command path records it; one in five for another department, a few confidential. */
function interactionEvent(partyId: string, i: number): { streamId: string; event: NewEvent } {
  const interactionId = randomUUID();
  const occurredAt = new Date(Date.UTC(2020, 0, 1) + i * 37 * 60_000).toISOString();
  const confidentiality: Confidentiality = i % 50 === 0 ? 'restricted' : i % 20 === 0 ? 'sensitive' : 'normal';
  const data = {
    interactionId, channel: CHANNELS[i % CHANNELS.length], direction: i % 4 === 0 ? 'outbound' : 'inbound', occurredAt, partyIds: [partyId],
    staffId: `staff-${1000 + (i % 100)}`, department: i % 5 === 0 ? 'benefits' : DEPARTMENT, topics: ['housing-benefit'],
    summary: 'Asked about the status of an application.', outcome: 'information-given', satisfaction: 1 + (i % 5), confidentiality,
  };
  const event: NewEvent = {
    id: randomUUID(), type: 'InteractionRecorded', data: data as NewEvent['data'], occurredAt, actor: 'bench-seed', correlationId: randomUUID(), causationId: null, schemaVersion: SCHEMA_VERSION,
  };
  return { streamId: interactionStreamId(interactionId), event };
}

/**
 * Parties with long histories, fast: the parties through the command path, their interactions appended
 * straight to the application's event store port (sealed as the command path seals them), many at once
 * so the store commits them in groups. The server's projector catches up on start.
 */
export async function seed(config: AppConfig, histories: readonly number[]): Promise<{ small: string; large: string[] }> {
  const app = await NestFactory.createApplicationContext(SeedLedgerModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    const commands = app.get(CommandBus);
    const events = app.get<EventStore>(EVENT_STORE);
    const register = async (full: string) => {
      const partyId = randomUUID();
      await commands.execute(new RegisterPartyCommand({ partyId, kind: 'person', name: { full }, department: DEPARTMENT }, context()));
      return partyId;
    };
    const small = await register('Bench Writer');
    const large: string[] = [];
    for (const n of histories) {
      const partyId = await register(`Bench Resident ${n}`);
      for (let from = 0; from < n; from += 1000) {
        await Promise.all(Array.from({ length: Math.min(1000, n - from) }, (_, k) => {
          const { streamId, event } = interactionEvent(partyId, from + k);
          return events.append(streamId, [event], 'no_stream');
        }));
      }
      large.push(partyId);
      log(`  seeded a party with ${n} interactions`);
    }
    return { small, large };
  } finally {
    await app.close();
  }
}

function output(child: ChildProcess): () => string {
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => { text += chunk.toString(); });
  child.stderr?.on('data', (chunk: Buffer) => { text = (text + chunk.toString()).slice(-4000); });
  return () => text;
}

/** Waits until the server's projector has applied everything in the event store. */
async function caughtUp(port: number, child?: ChildProcess, seen?: () => string): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (child && child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}: ${seen?.()}`);
    if (Date.now() > deadline) throw new Error('the server did not catch up within 10 minutes');
    const ready = await fetch(`http://127.0.0.1:${port}/health/ready`).then((r) => r.json() as Promise<{ projector?: { lag: number | null } }>, () => null);
    if (ready?.projector?.lag === 0) return;
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function startApi(dataDir: string, port: number): Promise<ChildProcess> {
  // As `npm start` runs it, with the rate limit off; request logs go to /dev/null rather than a terminal.
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'civic-ledger'), 'serve'], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', RATE_LIMIT_PER_MINUTE: '0' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  await caughtUp(port, child, output(child));
  return child;
}

async function startBare(dbPath: string, timeline?: TimelineBaseline): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, [join(__dirname, 'bare-server.js'), dbPath, ...(timeline ? [JSON.stringify(timeline)] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
  const seen = output(child);
  for (;;) {
    const port = Number.parseInt(seen(), 10);
    if (port > 0) return { child, port };
    if (child.exitCode !== null) throw new Error(`the bare server exited: ${seen()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function load(
  o: HttpOptions, url: string, init: { method?: 'GET' | 'POST'; headers?: Record<string, string>; body?: string } = {}, server?: ChildProcess,
): Promise<Load> {
  const run = (duration: number) => autocannon({ url, connections: o.connections, duration, method: init.method ?? 'GET', headers: init.headers, body: init.body });
  await run(Math.max(1, Math.round(o.duration / 3)));
  const workers = childrenOf(server?.pid);
  const workerCpu = () => workers.reduce<number | null>((sum, pid) => { const ms = cpuMs(pid); return sum === null || ms === null ? null : sum + ms; }, 0);
  const before = { server: cpuMs(server?.pid), worker: workerCpu() };
  const r = await run(o.duration);
  const after = { server: cpuMs(server?.pid), worker: workerCpu() };
  const answered = r.requests.total;
  const perRequest = (a: number | null, b: number | null) => (a === null || b === null || answered === 0 ? undefined : round((b - a) / answered, 3));
  const own = perRequest(before.server, after.server);
  const worker = workers.length ? perRequest(before.worker, after.worker) : undefined;
  return {
    reqPerSec: round(r.requests.average, 0), latencyMs: { p50: r.latency.p50, p99: r.latency.p99 }, non2xx: r.non2xx, errors: r.errors + r.timeouts,
    ...(own === undefined ? {} : { cpuMsPerRequest: { server: own, ...(worker === undefined ? {} : { worker }) } }),
  };
}

/**
 * Loads the given paths in turn, `o.rounds` times, the order reversed every other round (a, b, c, then c, b, a):
 * the machine's drift (other work, clock, caches) falls on a path and its baseline alike instead of on whichever
 * ran last. Each path's runs, in round order.
 */
async function inRounds<K extends string>(o: HttpOptions, loads: Record<K, () => Promise<Load>>, before?: () => Promise<void>): Promise<Record<K, Load[]>> {
  const names = Object.keys(loads) as K[];
  const runs = Object.fromEntries(names.map((n) => [n, [] as Load[]])) as Record<K, Load[]>;
  for (let r = 0; r < o.rounds; r++) {
    for (const name of r % 2 === 0 ? names : [...names].reverse()) {
      await before?.();
      runs[name][r] = await loads[name]();
    }
  }
  return runs;
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
};

/** The run with the median rate (the lower of the two middle ones for an even count): its latency and CPU belong to it. */
function medianRun(runs: readonly Load[]): Load {
  const sorted = [...runs].sort((a, b) => a.reqPerSec - b.reqPerSec);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Our runs against the baseline's runs of the same rounds: the median of the per-round ratios. */
/**
 * Our runs against the baseline's runs of the same rounds: the median of the per-round ratios (so `value /
 * baseline`, each the median run's rate, need not equal `ratio`). Non-2xx answers and errors are the sum over
 * every run, shown whenever any run had them (autocannon counts them in its rate).
 */
function row(name: string, ours: readonly Load[], bare: readonly Load[] | null, target?: string, extra: Record<string, unknown> = {}, runsKey = 'reqPerSecByRound'): HttpResult {
  const run = medianRun(ours);
  const ratios = bare ? ours.map((l, i) => round(l.reqPerSec / bare[i].reqPerSec, 3)) : null;
  const non2xx = ours.reduce((sum, l) => sum + l.non2xx, 0);
  const errors = ours.reduce((sum, l) => sum + l.errors, 0);
  return {
    name, value: run.reqPerSec, unit: 'req/s', ...(bare && ratios ? { baseline: medianRun(bare).reqPerSec, ratio: round(median(ratios), 3) } : {}), target,
    extra: {
      latencyMs: run.latencyMs, ...(run.cpuMsPerRequest ? { cpuMsPerRequest: run.cpuMsPerRequest } : {}),
      ...(ours.length > 1 ? { [runsKey]: ours.map((l) => l.reqPerSec), ...(ratios ? { ratioByRound: ratios } : {}) } : {}),
      ...(non2xx || errors ? { non2xx, errors } : {}), ...extra,
    },
  };
}

/**
 * The HTTP section: the real server (`civic-ledger serve`, embedded stores, rate limit off) and a bare
 * Node `http` server, both in their own process and loaded in turn with autocannon from this one.
 */
export async function httpFigures(dir: string, o: HttpOptions): Promise<HttpResult[]> {
  const dataDir = join(dir, 'http-data');
  mkdirSync(dataDir);
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
  const { small, large } = await seed(config, o.histories);
  const reader: Principal = { sub: 'bench-supervisor', role: 'supervisor', departments: [DEPARTMENT] };
  const token = await mintLocalToken(config, reader);
  const auth = { authorization: `Bearer ${token}` };
  // Two bare servers: one answers the GETs and nothing else, the other the durable POSTs (a server that has taken
  // writes answers GETs slower afterwards: its heap has grown).
  const bare = await startBare(join(dir, 'bare.sqlite'));
  const bareReads = await startBare(join(dir, 'bare-reads.sqlite'));
  let api: ChildProcess | null = null;
  let bareTimeline: { child: ChildProcess; port: number } | null = null;
  try {
    const bareBase = `http://127.0.0.1:${bare.port}`;
    const post = JSON.stringify({ channel: 'phone', direction: 'inbound', occurredAt: '2024-03-01T10:00:00Z', partyIds: [small], department: DEPARTMENT, topics: ['housing-benefit'], summary: 'Asked how to apply for housing benefit', satisfaction: 4 });
    const json = { 'content-type': 'application/json' };
    const port = await freePort();
    log('  HTTP: starting the server and waiting for its projector to catch up');
    api = await startApi(dataDir, port);
    const base = `http://127.0.0.1:${port}`;
    const bareGet = () => load(o, `http://127.0.0.1:${bareReads.port}/doc`, {}, bareReads.child);
    const bareGets: Load[] = [];
    log(`  HTTP: GET /health/live against the bare GET (${o.rounds} rounds)`);
    // Each run starts with the server's projector caught up: the worker's backlog from our last run (the writes, the
    // access ledger's entries of the reads) falls on neither the baseline's next run nor our next run's worker CPU.
    const settled = () => caughtUp(port);
    const live = await inRounds(o, { bare: bareGet, ours: () => load(o, `${base}/health/live`, {}, api as ChildProcess) }, settled);
    bareGets.push(...live.bare);
    log(`  HTTP: POST /v1/interactions against the bare durable POST (${o.rounds} rounds)`);
    const write = await inRounds(o, {
      bare: () => load(o, `${bareBase}/write`, { method: 'POST', headers: json, body: post }, bare.child),
      ours: () => load(o, `${base}/v1/interactions`, { method: 'POST', headers: { ...auth, ...json }, body: post }, api as ChildProcess),
    }, settled);
    // The same page from the same read store behind a bare server (the query alone), loaded in the same rounds.
    bareTimeline = await startBare(join(dir, 'bare-timeline.sqlite'), { readStore: join(dataDir, 'read-models.sqlite'), partyIds: [large[0]], filter: scopeFilter(readScope(reader)), limit: 50 });
    const timelinePort = bareTimeline.port;
    const timelineChild = bareTimeline.child;
    log(`  HTTP: GET /v1/parties/{id}/timeline?limit=50 against the bare GET and the query alone (${o.rounds} rounds)`);
    const timeline = await inRounds(o, {
      bare: bareGet,
      ours: () => load(o, `${base}/v1/parties/${large[0]}/timeline?limit=50`, { headers: auth }, api as ChildProcess),
      query: () => load(o, `http://127.0.0.1:${timelinePort}/timeline`, {}, timelineChild),
    }, settled);
    bareGets.push(...timeline.bare);
    // The views together, so that the larger party's figure is compared with the smaller's of the same rounds.
    log(`  HTTP: GET /v1/parties/{id} with ${o.histories.join(' and ')} interactions against the bare GET (${o.rounds} rounds)`);
    const viewLoads: Record<string, () => Promise<Load>> = { bare: bareGet };
    o.histories.forEach((_, i) => { viewLoads[`view${i}`] = () => load(o, `${base}/v1/parties/${large[i]}`, { headers: auth }, api as ChildProcess); });
    const views = await inRounds(o, viewLoads, settled);
    bareGets.push(...views.bare);
    const results: HttpResult[] = [
      row('HTTP bare Node server: GET of a 1 KB document', bareGets, null, undefined, {
        connections: o.connections, seconds: o.duration, rounds: o.rounds, note: 'the median of every bare GET run (those of /health/live, the timeline and the views); each ratio below is to the bare GET runs of its own rounds',
      }, 'reqPerSecByRun'),
      row('HTTP bare Node server: durable group-committed POST (SQLite WAL, synchronous=FULL)', write.bare, null),
      row('HTTP GET /health/live', live.ours, live.bare, 'ratio >= 0.5'),
      row('HTTP POST /v1/interactions (durable, 201)', write.ours, write.bare, 'ratio >= 0.4, p99 <= 25 ms'),
      row(`HTTP GET /v1/parties/{id}/timeline?limit=50 (party with ${o.histories[0]} interactions)`, timeline.ours, timeline.bare, 'ratio >= 0.15', {
        vsQueryAlone: round(median(timeline.ours.map((l, i) => l.reqPerSec / timeline.query[i].reqPerSec)), 3),
      }),
      row(`HTTP bare Node server: the same timeline page from the same read store (the query alone: no framework, token, policy or access ledger)`, timeline.query, timeline.bare, undefined, {
        note: 'its ratio is to the bare GET of a 1 KB document: what answering a page of 50 entries costs by itself',
      }),
    ];
    for (const [i, n] of o.histories.entries()) {
      const ours = views[`view${i}`];
      const vsFirst = i > 0 ? { reqPerSecVsFirst: round(median(ours.map((l, r) => l.reqPerSec / views.view0[r].reqPerSec)), 3) } : {};
      results.push(row(`HTTP GET /v1/parties/{id} (party with ${n} interactions; department-scoped supervisor)`, ours, views.bare, i > 0 ? 'ratio >= 0.15, p99 <= 50 ms, within 20% of the smaller party' : 'ratio >= 0.15, p99 <= 50 ms', vsFirst));
    }
    return results;
  } finally {
    bare.child.kill('SIGTERM');
    bareReads.child.kill('SIGTERM');
    bareTimeline?.child.kill('SIGTERM');
    api?.kill('SIGTERM');
  }
}
