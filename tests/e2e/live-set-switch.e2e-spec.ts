import { ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cellsOf, COLLECTIONS, PartyView, SqliteReadStore, sumContactCells } from '@civic-ledger/read-models';
import { interaction, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess } from './support/server-process';
import { until } from './support/until';

const run = promisify(execFile);
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');

/**
 * A blue/green rebuild switches the live set under a running server: the server moves to it without a
 * restart (no set file is renamed while open; the pointer moves), projects new contacts into it, and the
 * previous set stays as it was, kept.
 */
describe('a running server follows a switch of the live read-model set', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-switch-'));
  let server: ChildProcess | null = null;
  afterAll(async () => {
    if (server) await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves and projects from the rebuilt set once it is switched in', async () => {
    const staff = await staffHeaders(dataDir);
    const port = await freePort();
    let output = '';
    server = await startServerProcess(dataDir, port, { LOG_LEVEL: 'info' }, (text) => { output += text; });
    const base = `http://127.0.0.1:${port}`;
    const post = async (path: string, body: unknown) => {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { ...staff.supervisor, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
      return { id: ((await res.json()) as { id: string }).id, position: res.headers.get('x-ledger-position') as string };
    };
    // serve starts its worker beside it once the API listens: the switch below must find both running.
    await until(async () => output.includes('civic-ledger worker running'), 'the worker beside the server to run');
    const party = await post('/v1/parties', person('Switch Sam'));
    await post('/v1/interactions', interaction([party.id], { summary: 'before the switch' }));

    const env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    const rebuilt = JSON.parse((await run(process.execPath, [MAIN, 'rebuild', '--json'], { env })).stdout) as { rebuilt: string; previous: string; swapped: boolean };
    expect(rebuilt).toMatchObject({ swapped: true, previous: 'read-models.sqlite' });
    // serve's API and the worker beside it each move (and each say so).
    await until(async () => output.split('read-model set switched').length > 2, 'the server and its worker to move to the switched-in set');

    const after = await post('/v1/interactions', interaction([party.id], { summary: 'after the switch' }));
    const view = await fetch(`${base}/v1/parties/${party.id}`, { headers: { ...staff.supervisor, 'x-min-position': after.position } });
    expect(view.status).toBe(200);
    expect(((await view.json()) as PartyView).interactionCounts).toEqual({ phone: 2 });

    const count = async (file: string) => {
      const store = new SqliteReadStore(join(dataDir, file));
      await store.ensureCollection(COLLECTIONS.parties, []);
      try {
        const stored = await store.get<PartyView>(COLLECTIONS.parties, party.id);
        return stored && sumContactCells(cellsOf(stored)).interactionCounts.phone;
      } finally {
        await store.close();
      }
    };
    expect(await count(rebuilt.rebuilt)).toBe(2);
    expect(await count(rebuilt.previous)).toBe(1);
    const ready = (await (await fetch(`${base}/health/ready`)).json()) as { status: string; projector: { checkpoint: number } };
    expect(ready.status).toBe('ok');
    expect(ready.projector.checkpoint).toBeGreaterThanOrEqual(Number(after.position));
  });
});
