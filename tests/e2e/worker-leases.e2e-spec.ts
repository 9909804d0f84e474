import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteLeaseStore } from '@civic-ledger/read-models';
import { interaction, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess, startWorkerProcess } from './support/server-process';

const LEASE_SECONDS = 3;

/**
 * Two workers on one store: exactly one holds each lease; after kill -9 of the holder the other takes
 * over within the lease time; a restarted worker does not take a lease back from a healthy owner; every
 * recorded contact is projected exactly once into the counts (none skipped, none counted twice).
 */
describe('workers share the work through leases', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-leases-'));
  const children: ChildProcess[] = [];
  const leases = () => new SqliteLeaseStore(join(dataDir, 'ledger-state.sqlite'));
  afterAll(async () => {
    for (const c of children) await killHard(c);
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function holderOf(work: string): Promise<string | null> {
    const store = leases();
    try {
      return (await store.holder(work))?.owner ?? null;
    } finally {
      await store.close();
    }
  }

  /** Polls the lease table (the thing awaited has no event to await) until `test` holds or the deadline passes. */
  async function until<T>(read: () => Promise<T>, test: (value: T) => boolean, ms: number): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await read();
      if (test(value) || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  it('keeps one owner per piece of work, fails over after kill -9 and projects every contact once', async () => {
    const env = { LEASE_SECONDS: String(LEASE_SECONDS), LOG_LEVEL: 'info' };
    const staff = await staffHeaders(dataDir);
    const port = await freePort();
    children.push(await startServerProcess(dataDir, port, {}, undefined, ['--api-only']));
    const first = await startWorkerProcess(dataDir, env);
    children.push(first);
    const owner = await until(() => holderOf('projections'), (o) => o !== null, 10_000);
    expect(owner).toContain(`:${first.pid}:`);
    const second = await startWorkerProcess(dataDir, env);
    children.push(second);

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
    for (let i = 0; i < 10; i += 1) last = (await post('/v1/interactions', interaction([party.id], { summary: `before ${i}` }))).position;
    expect(await count(party.id, last)).toBe(10);
    // The second worker waits: the first still holds every lease.
    expect(await holderOf('projections')).toContain(`:${first.pid}:`);

    await killHard(first);
    const killedAt = Date.now();
    for (let i = 0; i < 10; i += 1) last = (await post('/v1/interactions', interaction([party.id], { summary: `after ${i}` }))).position;
    const takenOver = await until(() => holderOf('projections'), (o) => o !== null && o.includes(`:${second.pid}:`), (LEASE_SECONDS + 5) * 1000);
    expect(takenOver).toContain(`:${second.pid}:`);
    expect(Date.now() - killedAt).toBeLessThan((LEASE_SECONDS + 3) * 1000);
    expect(await count(party.id, last)).toBe(20);

    // A restarted worker does not take the lease back from the healthy owner.
    const third = await startWorkerProcess(dataDir, env);
    children.push(third);
    const later = await until(() => holderOf('projections'), (o) => o === null || !o.includes(`:${second.pid}:`), LEASE_SECONDS * 2 * 1000);
    expect(later).toContain(`:${second.pid}:`);
    last = (await post('/v1/interactions', interaction([party.id], { summary: 'last' }))).position;
    expect(await count(party.id, last)).toBe(21);
  });
});
