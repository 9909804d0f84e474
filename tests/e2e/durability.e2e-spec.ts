import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChildProcess } from 'node:child_process';
import { interaction, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess } from './support/server-process';

const CLIENTS = 32;

/** kill -9 under concurrent load: every acknowledged event survives, chains intact, no duplicates on retry. */
describe('durability under kill -9', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-durable-'));
  let server: ChildProcess | null = null;
  afterAll(async () => {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged append and records nothing twice when clients retry', async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const staff = await staffHeaders(dataDir);
    const post = (path: string, body: unknown, key: string) => fetch(`${base}${path}`, {
      method: 'POST', headers: { ...staff.supervisor, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body),
    });
    server = await startServerProcess(dataDir, port);
    const partyId = ((await (await post('/v1/parties', person('Durable Dora'), 'party-1')).json()) as { id: string }).id;

    const acked = new Map<string, string>(); // key → interaction id
    const attempted = new Set<string>();
    let killed = false;
    let enoughAcked: () => void = () => undefined;
    const reached = new Promise<void>((resolve) => { enoughAcked = resolve; });
    const client = async (c: number) => {
      for (let n = 0; !killed; n += 1) {
        const key = `client-${c}-${n}`;
        attempted.add(key);
        try {
          const res = await post('/v1/interactions', interaction([partyId], { summary: `call ${key}` }), key);
          if (res.status === 201) acked.set(key, ((await res.json()) as { id: string }).id);
          if (acked.size >= 300) enoughAcked();
        } catch {
          return; // connection refused or reset: the server is gone
        }
      }
    };
    const load = Array.from({ length: CLIENTS }, (_, c) => client(c));
    // Kill the server the moment the 300th write is acknowledged (or fail if every client stopped first).
    await Promise.race([reached, Promise.all(load).then(() => { throw new Error(`clients stopped after ${acked.size} acknowledged writes`); })]);
    killed = true;
    await killHard(server);
    await Promise.all(load);
    expect(acked.size).toBeGreaterThanOrEqual(300);

    server = await startServerProcess(dataDir, port);
    // Every client retries what it attempted, acknowledged or not, with the same key.
    const finalIds = new Map<string, string>();
    for (const key of attempted) {
      const res = await post('/v1/interactions', interaction([partyId], { summary: `call ${key}` }), key);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { id: string };
      finalIds.set(key, body.id);
      if (acked.has(key)) {
        expect(body.id).toBe(acked.get(key));
        expect(res.headers.get('idempotent-replayed')).toBe('true');
      }
    }
    const report = await (await fetch(`${base}/v1/audit/verify`, { headers: staff.auditor })).json() as { ok: boolean; eventTypes: Record<string, number> };
    expect(report.ok).toBe(true);
    expect(report.eventTypes.InteractionRecorded).toBe(attempted.size);
    expect(new Set(finalIds.values()).size).toBe(attempted.size);
    const head = Number((await post('/v1/interactions', interaction([partyId]), randomUUID())).headers.get('x-ledger-position'));
    const view = await (await fetch(`${base}/v1/parties/${partyId}`, { headers: { ...staff.supervisor, 'x-min-position': String(head) } })).json() as { interactionCounts: Record<string, number> };
    expect(view.interactionCounts.phone).toBe(attempted.size + 1);
  });
});
