import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * `npm run bench:console`: the first view of a person with 1,000 interactions in a real Chromium on the
 * embedded default, from choosing the search result to the name (h1) and the first timeline entry on
 * screen. Prints JSON; nothing is asserted (issue 16 targets under 1 s).
 */
const ROOT = join(__dirname, '..', '..');
const MAIN = join(ROOT, 'bin', 'civic-ledger');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const INTERACTIONS = Number(process.env.BENCH_INTERACTIONS ?? 1000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const log = (m: string) => process.stderr.write(`${m}\n`);

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN, 'serve'], { env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0' }, stdio: 'ignore' });
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function main(): Promise<void> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing (apt-get install chromium)`);
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-console-bench-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = await startServer(dataDir, port);
  try {
    const token = execFileSync(process.execPath, [MAIN, 'token', '--role', 'supervisor', '--sub', 'bench', '--department', 'housing'], { env: { ...process.env, DATA_DIR: dataDir } }).toString().trim();
    const post = async (path: string, body: unknown) => (await (await fetch(base + path, { method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) })).json()) as { id: string; position: number };
    const { id } = await post('/v1/parties', { kind: 'person', name: { full: 'Bench Person Olivier' }, department: 'housing' });
    log(`recording ${INTERACTIONS} interactions…`);
    let last = 0;
    const channels = ['phone', 'email', 'counter', 'letter', 'sms'];
    for (let n = 0; n < INTERACTIONS; n++) {
      ({ position: last } = await post('/v1/interactions', {
        channel: channels[n % channels.length], direction: 'inbound', occurredAt: new Date(Date.now() - (n + 1) * 3_600_000).toISOString(), partyIds: [id],
        department: 'housing', topics: ['bench'], summary: `Contact ${n}`, confidentiality: 'normal',
      }));
    }
    await fetch(`${base}/v1/parties/${id}`, { headers: { Authorization: `Bearer ${token}`, 'X-Min-Position': String(last) } });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    const page = await (await browser.newContext({ viewport: { width: 1024, height: 768 } })).newPage();
    await page.goto(`${base}/console/`);
    await page.getByLabel('Access token').fill(token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    const times: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      await page.goto(`${base}/console/`);
      await page.getByLabel('Search people').fill('Olivier');
      const hit = page.getByRole('link', { name: 'Bench Person Olivier' });
      await hit.waitFor();
      const start = Date.now();
      await hit.click();
      await page.getByRole('heading', { level: 1, name: 'Bench Person Olivier' }).waitFor();
      await page.locator('.entries > li').first().waitFor();
      await page.getByRole('region', { name: 'Contacts per channel' }).getByText(/Phone: 200/).waitFor();
      times.push(Date.now() - start);
    }
    await browser.close();
    const sorted = [...times].sort((a, b) => a - b);
    process.stdout.write(`${JSON.stringify({
      name: 'console first view of a person (search result → name, counts and first timeline page)', interactions: INTERACTIONS, runs: RUNS, unit: 'ms',
      median: sorted[Math.floor(sorted.length / 2)], max: sorted[sorted.length - 1], times, target: '< 1000 ms',
    }, null, 2)}\n`);
  } finally {
    server.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
