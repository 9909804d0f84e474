import { ChildProcess, execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Browser, chromium, ConsoleMessage, Page } from 'playwright-core';
import { loadConfig } from '@civic-ledger/config';
import { mintLocalToken } from '@civic-ledger/composition';
import { freePort, killHard, startServerProcess } from '../../e2e/support/server-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..', '..');
const MAIN = join(ROOT, 'bin', 'civic-ledger');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** The flags INFRA.md gives for Debian's chromium in a container. */
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Browser suites need Debian's chromium. Under CI=true its absence fails the run (.ci/run installs it);
 * elsewhere the suite is skipped with a loud message.
 */
export function describeInBrowser(name: string, body: () => void): void {
  if (existsSync(CHROMIUM)) return describe(name, body);
  if (process.env.CI === 'true') {
    describe(name, () => it('has Debian\'s chromium to run in', () => { throw new Error(`${CHROMIUM} is missing: .ci/run installs Debian's chromium; CI cannot skip the console's browser tests.`); }));
    return;
  }
  process.stderr.write(`\n*** console browser tests SKIPPED: ${CHROMIUM} is missing (apt-get install chromium, or set CHROMIUM_PATH). ***\n`);
  describe.skip(name, body);
}

export type Role = 'clerk' | 'caseworker' | 'supervisor' | 'auditor' | 'privacy-officer' | 'service';

/** A real `civic-ledger serve` on a fresh data directory, Chromium, and helpers to set data up over HTTP. */
export class ConsoleEnv {
  readonly dataDir = mkdtempSync(join(tmpdir(), 'cl-console-'));
  baseUrl = '';
  private server?: ChildProcess;
  private browser?: Browser;
  private readonly tokens = new Map<string, string>();

  /** Starts the server (on `port` when given, with extra settings) and Chromium. */
  async start(settings: Record<string, string> = {}, port?: number): Promise<void> {
    port ??= await freePort();
    this.server = await startServerProcess(this.dataDir, port, settings);
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
    if (this.server) await killHard(this.server);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /** A token from `civic-ledger token` (cached per role, subject, departments and lifetime). */
  async token(role: Role, options: { sub?: string; departments?: string[]; ttl?: number } = {}): Promise<string> {
    const departments = options.departments ?? (['auditor', 'privacy-officer', 'service'].includes(role) ? [] : ['housing']);
    const args = ['token', '--role', role, '--sub', options.sub ?? `${role}-1`, ...departments.flatMap((d) => ['--department', d])];
    if (options.ttl) args.push('--ttl', String(options.ttl));
    const key = args.join(' ');
    if (!this.tokens.has(key)) {
      const { stdout } = await run(process.execPath, [MAIN, ...args], { env: { ...process.env, DATA_DIR: this.dataDir, LOG_LEVEL: 'silent' } });
      this.tokens.set(key, stdout.trim());
    }
    return this.tokens.get(key) as string;
  }

  /** A token that expires within seconds (the CLI mints 60 s at least), signed with the same embedded issuer key. */
  shortLivedToken(role: Role, sub: string, seconds: number): Promise<string> {
    return mintLocalToken(loadConfig({ DATA_DIR: this.dataDir }), { role, sub, departments: ['housing'], ttlSeconds: seconds });
  }

  /** Calls the API as a role (setting up data the way another client would); throws on an error status. */
  async api<T = Record<string, unknown>>(as: Role | { token: string }, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const token = typeof as === 'string' ? await this.token(as) : as.token;
    const res = await fetch(this.baseUrl + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  /** A new page at 1024 px (the counter screen) that records every console error, page error and CSP violation. */
  async page(locale = 'en-CA'): Promise<ConsolePage> {
    if (!this.browser) throw new Error('start() first');
    const context = await this.browser.newContext({ viewport: { width: 1024, height: 768 }, locale, timezoneId: 'America/Toronto', acceptDownloads: true });
    const page = new ConsolePage(await context.newPage(), this.baseUrl);
    // Nothing leaves the machine: a request to any other host is answered empty here and counted as an error.
    await context.route((url) => url.hostname !== '127.0.0.1' && url.hostname !== 'localhost', async (route) => {
      page.errors.push(`external request: ${route.request().url()}`);
      await route.fulfill({ status: 200, body: '' });
    });
    return page;
  }
}

/**
 * A suite on `env` (started before its tests, stopped after) with a fresh page for each test, closed after it
 * and failing it on any browser error it did not expect. Returns the current test's page.
 */
export function pagePerTest(env: ConsoleEnv): () => ConsolePage {
  let page: ConsolePage;
  beforeAll(() => env.start());
  afterAll(() => env.stop());
  beforeEach(async () => {
    page = await env.page();
  });
  closeEachPageCheckingErrors(() => page);
  return () => page;
}

/** After each test: closes the test's page and fails the test on any browser error it did not expect. */
export function closeEachPageCheckingErrors(current: () => ConsolePage): void {
  afterEach(async () => {
    const page = current();
    const errors = page.unexpectedErrors();
    await page.close();
    expect(errors).toEqual([]);
  });
}

/** A page plus what went wrong in it: the suites fail on any console error they did not expect. */
export class ConsolePage {
  readonly errors: string[] = [];
  private readonly expected: RegExp[] = [];

  constructor(readonly page: Page, readonly baseUrl: string) {
    page.on('console', (msg: ConsoleMessage) => {
      if (msg.type() === 'error' || msg.type() === 'warning') this.errors.push(`${msg.type()}: ${msg.text()} (${msg.location().url})`);
    });
    page.on('pageerror', (error) => this.errors.push(`page error: ${error.message}`));
  }

  /** A console error the browser itself logs for an answer the test provokes on purpose (e.g. a 422). */
  expectConsoleError(pattern: RegExp): void {
    this.expected.push(pattern);
  }

  unexpectedErrors(): string[] {
    return this.errors.filter((e) => !this.expected.some((p) => p.test(e)));
  }

  async open(path: string): Promise<void> {
    await this.page.goto(`${this.baseUrl}/console${path}`);
  }

  /** Signs in with a token through the "Access token" field. */
  async signIn(token: string): Promise<void> {
    await this.page.getByLabel('Access token').fill(token);
    await this.page.getByRole('button', { name: 'Sign in' }).click();
    await this.page.getByRole('button', { name: 'Sign out' }).waitFor();
  }

  /** axe-core on the page as it is now: the WCAG 2.1 A/AA violations (rule ids with their nodes). */
  async axeViolations(): Promise<string[]> {
    // evaluate() runs outside the page's CSP, as a browser extension would; the page's own scripts stay under it.
    await this.page.evaluate(AXE_SOURCE);
    const violations = await this.page.evaluate(async () => {
      const axe = (globalThis as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run((globalThis as unknown as { document: unknown }).document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    return violations;
  }

  /** With CONSOLE_SCREENSHOTS=1 (npm run console:screenshots) the suites refresh docs/console/*.png. */
  async screenshot(name: string): Promise<void> {
    if (process.env.CONSOLE_SCREENSHOTS !== '1') return;
    const dir = join(ROOT, 'docs', 'console');
    mkdirSync(dir, { recursive: true });
    await this.page.evaluate(() => (globalThis as unknown as { scrollTo(x: number, y: number): void }).scrollTo(0, 0));
    await this.page.screenshot({ path: join(dir, `${name}.png`), fullPage: false });
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
