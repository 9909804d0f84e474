import { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { interaction, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess, startWorkerProcess } from './support/server-process';

/**
 * A small deployment on one host: two API-only processes and a worker on one embedded store. Writes to
 * either API never fail on the shared files, and a read with X-Min-Position on one API sees a write made
 * through the other once the worker has projected it (from the stored checkpoint, no in-process projector).
 */
describe('API replicas and a worker on one embedded store', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-scale-'));
  const processes: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of processes) await killHard(p);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('writes through both replicas without errors and reads its writes through either', async () => {
    const staff = await staffHeaders(dataDir);
    const [portA, portB] = [await freePort(), await freePort()];
    processes.push(await startServerProcess(dataDir, portA, {}, undefined, ['--api-only']));
    processes.push(await startServerProcess(dataDir, portB, {}, undefined, ['--api-only']));
    const worker = await startWorkerProcess(dataDir);
    processes.push(worker);
    const api = (port: number) => `http://127.0.0.1:${port}`;
    const post = async (port: number, path: string, body: unknown) => {
      const res = await fetch(`${api(port)}${path}`, { method: 'POST', headers: { ...staff.supervisor, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, position: res.headers.get('x-ledger-position'), body: (await res.json()) as { id: string; code?: string } };
    };

    const party = await post(portA, '/v1/parties', person('Replica Rita'));
    expect(party.status).toBe(201);
    const writes = await Promise.all(Array.from({ length: 40 }, (_, i) => post(i % 2 ? portA : portB, '/v1/interactions', interaction([party.body.id], { summary: `call ${i}` }))));
    expect(writes.map((w) => w.status)).toEqual(writes.map(() => 201));

    const last = writes.map((w) => Number(w.position)).reduce((a, b) => Math.max(a, b));
    for (const port of [portA, portB]) {
      const view = await fetch(`${api(port)}/v1/parties/${party.body.id}`, { headers: { ...staff.supervisor, 'x-min-position': String(last) } });
      expect(view.status).toBe(200);
      expect(((await view.json()) as { interactionCounts: Record<string, number> }).interactionCounts).toEqual({ phone: 40 });
      const ready = (await (await fetch(`${api(port)}/health/ready`)).json()) as { status: string; projector: { status: string; checkpoint: number } };
      expect(ready).toMatchObject({ status: 'ok', projector: { status: 'remote' } });
      expect(ready.projector.checkpoint).toBeGreaterThanOrEqual(last);
    }
  });
});
