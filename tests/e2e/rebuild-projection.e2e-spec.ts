import { ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CollectionChecksum, LEDGER_PROJECTIONS, SqliteLeaseStore, SqliteReadStore, storedPosition, TimelineEntry, COLLECTIONS } from '@civic-ledger/read-models';
import { liveSqliteSet } from '@civic-ledger/composition';
import { staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess } from './support/server-process';
import { until } from './support/until';

const run = promisify(execFile);
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');
const TIMELINE = LEDGER_PROJECTIONS.find((p) => p.name.startsWith('timeline.'))!;
const OTHERS = LEDGER_PROJECTIONS.filter((p) => p !== TIMELINE);
const OTHER_COLLECTIONS = [...OTHERS.flatMap((p) => p.collections.map((c) => c.name)), 'quarantine'];

/**
 * `civic-ledger rebuild --projection NAME` rebuilds one projection alone, blue/green: on a seeded data
 * directory whose timeline lost a document, it rebuilds the timeline, switches sets under a running
 * server (which then serves the repaired timeline), and leaves every other projection's documents and
 * checkpoint, and the relay's checkpoint, as they were.
 */
describe('rebuilding one projection alone', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-rebuild-one-'));
  const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  const cli = (...args: string[]) => run(process.execPath, [MAIN, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
  let server: ChildProcess | null = null;
  afterAll(async () => {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** The live embedded set, its other collections' checksums and every projection's checkpoint. */
  async function liveState(): Promise<{ set: string; others: CollectionChecksum[]; checkpoints: Record<string, number> }> {
    const set = liveSqliteSet(dataDir);
    const store = new SqliteReadStore(join(dataDir, set));
    try {
      for (const c of [...LEDGER_PROJECTIONS.flatMap((p) => p.collections), { name: 'quarantine', indexes: [] }]) await store.ensureCollection(c.name, c.indexes);
      const checkpoints = Object.fromEntries(await Promise.all(LEDGER_PROJECTIONS.map(async (p) => [p.name, await store.checkpoint(p.name)] as const)));
      return { set, others: await store.checksums(OTHER_COLLECTIONS), checkpoints };
    } finally {
      await store.close();
    }
  }

  it('refuses an unknown name, listing the projections', async () => {
    const failed = await cli('rebuild', '--projection', 'nonsense', '--json').catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: expect.any(Number) });
    expect((failed as { code: number }).code).not.toBe(0);
    for (const p of LEDGER_PROJECTIONS) expect((failed as { stderr: string }).stderr).toContain(p.name);
  });

  it('rebuilds the timeline alone, switches to it under a running server and leaves the rest as it was', async () => {
    expect(JSON.parse((await cli('seed', '--parties', '12', '--interactions', '80', '--json')).stdout)).toMatchObject({ parties: 12 });
    // Lose one timeline document in the live set (as a bug or a bad restore would), and give the relay a checkpoint.
    const live = new SqliteReadStore(join(dataDir, liveSqliteSet(dataDir)));
    await live.ensureCollection(COLLECTIONS.timeline, []);
    const [lost] = await live.find<TimelineEntry>(COLLECTIONS.timeline, { orderBy: [{ field: 'id', direction: 'asc' }], limit: 1 });
    await live.commit([{ collection: COLLECTIONS.timeline, id: lost.id, doc: null, position: Number.MAX_SAFE_INTEGER }], []);
    const head = await storedPosition(live, LEDGER_PROJECTIONS);
    await live.close();
    const leases = new SqliteLeaseStore(join(dataDir, 'ledger-state.sqlite'));
    await leases.saveCheckpoint('kafka-relay', 7);
    await leases.close();
    const before = await liveState();

    const staff = await staffHeaders(dataDir);
    const port = await freePort();
    server = await startServerProcess(dataDir, port, { LOG_LEVEL: 'warn' });
    const timelineIds = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/v1/parties/${lost.partyId}/timeline?limit=200`, { headers: staff.service }); // a machine client: not recorded, so the ledger stays as it is
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { id: string }[] }).items.map((i) => i.id);
    };
    expect(await timelineIds()).not.toContain(lost.id);

    const summary = JSON.parse((await cli('rebuild', '--projection', 'timeline', '--json')).stdout) as {
      projection: string; swapped: boolean; identicalToLive: boolean; differences: { collection: string }[]; rebuilt: string; previous: string; events: number;
    };
    expect(summary).toMatchObject({ projection: TIMELINE.name, swapped: true, identicalToLive: false, previous: before.set });
    expect(summary.events).toBe(head);
    expect(summary.differences.map((d) => d.collection)).toEqual([COLLECTIONS.timeline]);

    // The running server moves to the new set and serves the rebuilt timeline.
    await until(async () => (await timelineIds()).includes(lost.id), 'the server to serve the rebuilt timeline', 15_000);
    const after = await liveState();
    expect(after.set).toBe(summary.rebuilt);
    expect(after.others).toEqual(before.others);
    for (const p of OTHERS) expect(after.checkpoints[p.name]).toBe(before.checkpoints[p.name]);
    expect(after.checkpoints[TIMELINE.name]).toBe(head);
    const state = new SqliteLeaseStore(join(dataDir, 'ledger-state.sqlite'));
    expect(await state.checkpoint('kafka-relay')).toBe(7);
    await state.close();

    // Rebuilding it again from the switched-in set finds nothing to repair.
    const again = JSON.parse((await cli('rebuild', '--projection', TIMELINE.name, '--no-swap', '--json')).stdout) as { identicalToLive: boolean; swapped: boolean };
    expect(again).toMatchObject({ identicalToLive: true, swapped: false });
  });
});
