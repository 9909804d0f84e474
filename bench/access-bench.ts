import { mkdtempSync, rmSync } from 'node:fs';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@civic-ledger/config';
import { createApp } from '../apps/api/src/bootstrap';
import { mintLocalToken } from '@civic-ledger/composition';
import { latencySummary, now } from './stats';

/**
 * The access ledger's cost on a real party view: the full HTTP path (token check, roles, read model,
 * JSON) of the all-in-one app, asked by a caseworker (a person: the read is recorded) and by a service
 * client (a machine: not recorded), alternating rounds of the same requests.
 */
export async function accessOverheadOverHttp(parties: number, readsPerRound: number, rounds: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-bench-access-'));
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', CHECKPOINT_INTERVAL_SECONDS: '0', RATE_LIMIT_PER_MINUTE: '0', PORT: '0', HOST: '127.0.0.1' });
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const bearer = async (role: 'supervisor' | 'caseworker' | 'service') => ({ authorization: `Bearer ${await mintLocalToken(config, { sub: `bench-${role}`, role, departments: ['housing'] })}` });
  try {
    const writer = await bearer('supervisor');
    const ids: string[] = [];
    let position = '0';
    for (let i = 0; i < parties; i += 1) {
      const res = await fetch(`${base}/v1/parties`, { method: 'POST', headers: { ...writer, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'person', name: { full: `Bench Person ${i}` }, department: 'housing' }) });
      const body = await res.json() as { id: string };
      position = res.headers.get('x-ledger-position') ?? position;
      ids.push(body.id);
    }
    await fetch(`${base}/v1/parties/${ids[0]}`, { headers: { ...writer, 'x-min-position': position } });
    const person = await bearer('caseworker');
    const machine = await bearer('service');
    const samples = { person: [] as number[], machine: [] as number[] };
    const pass = async (headers: Record<string, string>, into: number[]) => {
      const t0 = now();
      for (let i = 0; i < readsPerRound; i += 1) {
        const r0 = now();
        const res = await fetch(`${base}/v1/parties/${ids[(i * 7919) % ids.length]}`, { headers });
        await res.arrayBuffer();
        into.push(now() - r0);
      }
      return now() - t0;
    };
    await pass(machine, []); // warm-up
    let plain = 0;
    let recorded = 0;
    for (let r = 0; r < rounds; r += 1) {
      plain += await pass(machine, samples.machine);
      recorded += await pass(person, samples.person);
    }
    return { overheadPercent: (recorded / plain - 1) * 100, unrecorded: latencySummary(samples.machine), recorded: latencySummary(samples.person), reads: readsPerRound * rounds };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
