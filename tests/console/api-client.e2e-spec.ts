import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChildProcess } from 'node:child_process';
import { freePort, killHard, startServerProcess } from '../e2e/support/server-process';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const COMMITTED = join(ROOT, 'apps', 'console', 'src', 'api', 'schema.ts');

/** The console's typed client is generated from the API's OpenAPI document: the committed one must be current. */
describe('console API client', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'cl-console-api-'));
  let server: ChildProcess;
  let url: string;
  beforeAll(async () => {
    const port = await freePort();
    server = await startServerProcess(dataDir, port);
    url = `http://127.0.0.1:${port}/openapi.json`;
  });
  afterAll(async () => {
    await killHard(server);
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is generated from the OpenAPI document the server serves (regenerate with `npm run console:api`)', async () => {
    const out = join(dataDir, 'schema.ts');
    await run(process.execPath, [join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js'), url, '-o', out]);
    expect(readFileSync(COMMITTED, 'utf8') === readFileSync(out, 'utf8')).toBe(true);
  });
});
