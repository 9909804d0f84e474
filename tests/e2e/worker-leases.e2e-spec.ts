import { ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Lease, LEDGER_PROJECTIONS, SqliteLeaseStore } from '@civic-ledger/read-models';
import { PROJECTION_LEASE_PREFIX } from '@civic-ledger/composition';
import { interaction, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess, startWorkerProcess } from './support/server-process';
import { until } from './support/until';

const run = promisify(execFile);
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');
const LEASE_SECONDS = 3;
const PROJECTION_LEASES = LEDGER_PROJECTIONS.map((p) => `${PROJECTION_LEASE_PREFIX}${p.name}`);
/** The projections plus checkpoint signing (no Kafka here, so no relay). */
const ALL_LEASES = [...PROJECTION_LEASES, 'checkpoints'];
/** With two live workers the first keeps its fair share (rounded up) and hands the rest over. */
const FIRST_SHARE = Math.ceil(ALL_LEASES.length / 2);
const SECOND_SHARE = ALL_LEASES.length - FIRST_SHARE;

/** What one worker said about its work, from its JSON log lines. */
class WorkerLog {
  /** When (its clock, ms) it ran which projections. */
  readonly shares: { at: number; projections: string[] }[] = [];
  readonly messages: string[] = [];
  private partial = '';

  constructor(readonly name: string) {}

  read = (text: string): void => {
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as { time: number; msg: string; projections?: string[] };
      if (typeof entry.msg === 'string') this.messages.push(entry.msg);
      if (entry.projections) this.shares.push({ at: entry.time, projections: entry.projections });
    }
  };

  /** When it ran `projection`: [from, to) intervals, the last one open until `end`. */
  intervals(projection: string, end: number): [number, number][] {
    const out: [number, number][] = [];
    this.shares.forEach((share, i) => {
      if (share.projections.includes(projection)) out.push([share.at, this.shares[i + 1]?.at ?? end]);
    });
    return out;
  }
}

/**
 * Two workers on one store share the work through one lease per projection (plus the relay's and the
 * checkpoint scheduler's): each projection runs in exactly one worker at a time; after kill -9 of one,
 * the other takes its projections over within the lease time; a restarted worker takes no lease from
 * the healthy owner (it gets only what the owner hands over above its fair share); every recorded
 * contact is projected into the counts exactly once, and the documents equal a single-process rebuild.
 */
describe('workers share the projections through a lease each', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-leases-'));
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const c of children) await killHard(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function leases(): Promise<Map<string, Lease>> {
    const store = new SqliteLeaseStore(join(dataDir, 'ledger-state.sqlite'));
    try {
      return new Map((await store.list('')).map((lease) => [lease.name, lease]));
    } finally {
      await store.close();
    }
  }
  const heldBy = (all: Map<string, Lease>, worker: ChildProcess) => ALL_LEASES.filter((name) => all.get(name)?.owner.includes(`:${worker.pid}:`));

  it('gives each projection one owner, spreads them, fails over after kill -9 and projects every contact once', async () => {
    const env = { LEASE_SECONDS: String(LEASE_SECONDS), LOG_LEVEL: 'info' };
    const staff = await staffHeaders(dataDir);
    const port = await freePort();
    children.push(await startServerProcess(dataDir, port, {}, undefined, ['--api-only']));
    const logs = { first: new WorkerLog('first'), second: new WorkerLog('second'), third: new WorkerLog('third') };
    const first = await startWorkerProcess(dataDir, env, logs.first.read);
    children.push(first);
    await until(async () => heldBy(await leases(), first).length === ALL_LEASES.length, 'the first worker to hold every lease', 10_000);

    const base = `http://127.0.0.1:${port}`;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...staff.supervisor, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return { id: ((await res.json()) as { id: string }).id, position: Number(res.headers.get('x-ledger-position')) };
    };
    const count = async (partyId: string, position: number) => {
      const res = await fetch(`${base}/v1/parties/${partyId}`, { headers: { ...staff.supervisor, 'x-min-position': String(position) } });
      expect(res.status).toBe(200);
      return ((await res.json()) as { interactionCounts: Record<string, number> }).interactionCounts.phone ?? 0;
    };
    const party = await post('/v1/parties', person('Lease Lena'));
    let last = party.position;
    for (let i = 0; i < 5; i += 1) last = (await post('/v1/interactions', interaction([party.id], { summary: `alone ${i}` }))).position;

    // A second worker joins: the first hands over what exceeds its fair share (half, rounded up), the second takes it.
    const second = await startWorkerProcess(dataDir, env, logs.second.read);
    children.push(second);
    for (let i = 0; i < 5; i += 1) last = (await post('/v1/interactions', interaction([party.id], { summary: `joining ${i}` }))).position;
    await until(async () => {
      const all = await leases();
      return heldBy(all, first).length === FIRST_SHARE && heldBy(all, second).length === SECOND_SHARE;
    }, `the leases to be shared out ${FIRST_SHARE} + ${SECOND_SHARE}`, (LEASE_SECONDS * 3) * 1000);
    const shared = await leases();
    expect([...heldBy(shared, first), ...heldBy(shared, second)].sort()).toEqual([...ALL_LEASES].sort());
    expect(heldBy(shared, second).filter((n) => n.startsWith(PROJECTION_LEASE_PREFIX)).length).toBeGreaterThan(0);
    expect(await count(party.id, last)).toBe(10);

    // kill -9 the first: the second takes its projections over (its lease names a dead process of this host).
    await killHard(first);
    const killedAt = Date.now();
    // Watched while contacts keep coming in.
    const takenOverAt = until(async () => heldBy(await leases(), second).length === ALL_LEASES.length, 'the second worker to hold every lease', (LEASE_SECONDS + 5) * 1000).then(() => Date.now());
    for (let i = 0; i < 10; i += 1) last = (await post('/v1/interactions', interaction([party.id], { summary: `after ${i}` }))).position;
    // One renewal interval (a third of the lease) when the dead holder ran on this host; on another host the lease time.
    expect((await takenOverAt) - killedAt).toBeLessThan((LEASE_SECONDS + 1) * 1000);
    expect(await count(party.id, last)).toBe(20);

    // A restarted worker takes no lease from the healthy owner: it gets what the owner hands over, nothing more.
    const third = await startWorkerProcess(dataDir, env, logs.third.read);
    children.push(third);
    await until(async () => heldBy(await leases(), third).length === SECOND_SHARE, 'the restarted worker to get its share', (LEASE_SECONDS * 3) * 1000);
    expect(heldBy(await leases(), second)).toEqual(ALL_LEASES.slice(0, FIRST_SHARE));
    expect(logs.second.messages.filter((m) => m.startsWith('lease lost'))).toEqual([]);
    const acquiredLines = () => logs.third.messages.filter((m) => m.startsWith('lease acquired'));
    await until(() => acquiredLines().length === SECOND_SHARE, 'the restarted worker to log what it acquired', 5000);
    const handedOver = logs.second.messages.filter((m) => m.startsWith('lease handed over')).map((m) => m.split(' ')[3]).sort();
    const acquired = acquiredLines().map((m) => m.split(' ')[2]).sort();
    expect(acquired).toEqual(handedOver);
    last = (await post('/v1/interactions', interaction([party.id], { summary: 'last' }))).position;
    expect(await count(party.id, last)).toBe(21);

    // Never two workers on one projection at a time (from their logs; the killed one ran until the kill).
    const end = Date.now();
    const ends = { first: killedAt, second: end, third: end };
    for (const projection of LEDGER_PROJECTIONS.map((p) => p.name)) {
      const spans = (Object.keys(logs) as (keyof typeof logs)[]).flatMap((w) => logs[w].intervals(projection, ends[w]).map(([from, to]) => ({ w, from, to })));
      expect(spans.length).toBeGreaterThan(0);
      spans.sort((a, b) => a.from - b.from);
      spans.forEach((span, i) => {
        const next = spans[i + 1];
        if (next && next.w !== span.w) expect(next.from).toBeGreaterThanOrEqual(span.to);
      });
    }

    // No event skipped or applied twice: the shared documents equal a rebuild from the ledger by one process.
    const rebuilt = JSON.parse((await run(process.execPath, [MAIN, 'rebuild', '--no-swap', '--json'], { env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' } })).stdout) as { identicalToLive: boolean; events: number; differences: unknown[] };
    expect(rebuilt.differences).toEqual([]);
    expect(rebuilt.identicalToLive).toBe(true);
    expect(rebuilt.events).toBeGreaterThanOrEqual(last);
  });
});
