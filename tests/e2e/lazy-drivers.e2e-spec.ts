import { ChildProcess, execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { esdbTestServerEnv, person, staffHeaders } from './support/test-app';
import { freePort, killHard, startServerProcess, startWorkerProcess } from './support/server-process';

const run = promisify(execFile);
const MAIN = join(__dirname, '..', '..', 'bin', 'civic-ledger');
/** The vendor drivers: the EventStoreDB client and its gRPC transport, MongoDB, Kafka. */
const VENDOR = /^(mongodb|kafkajs|@eventstore\/.+|@grpc\/.+)$/;
const MARK = 'loaded-packages';

/**
 * Loaded into each process under test (NODE_OPTIONS=--require): on SIGUSR2 (servers, workers) and at
 * exit (CLI commands) it prints which node_modules packages the process has loaded so far. The test
 * process itself loads drivers (the ESDB test server), so only a child process's list means anything.
 */
const PRELOAD = `
const { writeSync } = require('node:fs');
const report = () => {
  const packages = new Set();
  for (const path of Object.keys(require.cache)) {
    const m = /[\\\\/]node_modules[\\\\/]((?:@[^\\\\/]+[\\\\/])?[^\\\\/]+)[\\\\/]/.exec(path);
    if (m) packages.add(m[1].replace(/\\\\/g, '/'));
  }
  writeSync(2, '\\n${MARK} ' + JSON.stringify([...packages].sort()) + '\\n');
};
process.on('SIGUSR2', report);
process.on('exit', report);
`;

/** Collects a process's output and resolves with the package list it prints. */
function packageReport(): { onOutput(text: string): void; next(): Promise<string[]> } {
  let text = '';
  let resolve: ((packages: string[]) => void) | null = null;
  const check = () => {
    const match = new RegExp(`^${MARK} (\\[.*\\])\\n`, 'm').exec(text);
    if (match && resolve) resolve(JSON.parse(match[1]) as string[]);
  };
  return {
    onOutput: (chunk) => {
      text += chunk;
      check();
    },
    next: () => new Promise((r) => {
      resolve = r;
      check();
    }),
  };
}

const vendorDrivers = (packages: string[]) => packages.filter((p) => VENDOR.test(p));

/**
 * Drivers load lazily: on the embedded default (SQLite event store, read models and key vault, no
 * Kafka), `serve`, `worker` and the CLI never load the MongoDB driver, kafkajs or the EventStoreDB
 * gRPC client; configured, an adapter loads its driver (EVENT_STORE=esdb below; READ_STORE=mongo and
 * KAFKA_BROKERS run through the MongoDB and Kafka e2e suites).
 */
describe('vendor drivers load only when configured', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cl-lazy-'));
  const dataDir = join(dir, 'data');
  const preload = join(dir, 'loaded-packages.js');
  writeFileSync(preload, PRELOAD);
  const embedded = {
    EVENT_STORE: 'sqlite', READ_STORE: 'sqlite', KEY_VAULT: 'sqlite', KAFKA_BROKERS: '', NODE_OPTIONS: `--require ${preload}`,
  };
  const processes: ChildProcess[] = [];
  afterAll(async () => {
    for (const p of processes) await killHard(p);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serve (API, projector, checkpoints) records and reads a party without loading a vendor driver', async () => {
    const staff = await staffHeaders(dataDir);
    const port = await freePort();
    const report = packageReport();
    const server = await startServerProcess(dataDir, port, embedded, report.onOutput);
    processes.push(server);
    const api = `http://127.0.0.1:${port}`;
    const created = await fetch(`${api}/v1/parties`, { method: 'POST', headers: { ...staff.supervisor, 'content-type': 'application/json' }, body: JSON.stringify(person('Lazy Lou')) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    const view = await fetch(`${api}/v1/parties/${id}`, { headers: { ...staff.supervisor, 'x-min-position': created.headers.get('x-ledger-position') as string } });
    expect(view.status).toBe(200);

    server.kill('SIGUSR2');
    const packages = await report.next();
    expect(packages).toEqual(expect.arrayContaining(['better-sqlite3', '@nestjs/core']));
    expect(vendorDrivers(packages)).toEqual([]);
    await killHard(server);
  });

  it('worker loads no vendor driver', async () => {
    const worker = await startWorkerProcess(dataDir, embedded);
    processes.push(worker);
    const report = packageReport();
    worker.stderr?.on('data', (chunk: Buffer) => report.onOutput(chunk.toString()));
    worker.kill('SIGUSR2');
    const packages = await report.next();
    expect(packages).toContain('better-sqlite3');
    expect(vendorDrivers(packages)).toEqual([]);
  });

  it('a CLI command over the stores (verify) loads no vendor driver', async () => {
    const { stderr } = await run(process.execPath, [MAIN, 'verify'], { env: { ...process.env, ...embedded, DATA_DIR: dataDir, LOG_LEVEL: 'silent' } });
    const report = packageReport();
    report.onOutput(stderr);
    const packages = await report.next();
    expect(packages).toContain('better-sqlite3');
    expect(vendorDrivers(packages)).toEqual([]);
  });

  describe('with EVENT_STORE=esdb', () => {
    const esdb = esdbTestServerEnv();

    it('the same command loads the EventStoreDB client and gRPC, and still neither MongoDB nor Kafka', async () => {
      const { stderr } = await run(process.execPath, [MAIN, 'verify'], { env: { ...process.env, ...embedded, ...esdb, DATA_DIR: join(dir, 'esdb'), LOG_LEVEL: 'silent' } });
      const report = packageReport();
      report.onOutput(stderr);
      expect(vendorDrivers(await report.next())).toEqual(['@eventstore/db-client', '@grpc/grpc-js']);
    });
  });
});
