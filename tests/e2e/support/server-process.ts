import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { freePort } from '../../infra/free-port';

export { freePort };

const MAIN = join(__dirname, '..', '..', '..', 'bin', 'civic-ledger');
const BUILT = join(__dirname, '..', '..', '..', 'dist', 'apps', 'api', 'src', 'main.js');

/** The built all-in-one server as a child process (npm test builds dist/ first). */
export async function startServerProcess(
  dataDir: string, port: number, env: Record<string, string> = {}, onOutput?: (text: string) => void, args: readonly string[] = [],
): Promise<ChildProcess> {
  if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run "npm run build" (npm test does it for you).`);
  const child = spawn(process.execPath, [MAIN, 'serve', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => onOutput?.(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); onOutput?.(chunk.toString()); });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${stderr}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`server did not become ready: ${stderr}`);
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** A `civic-ledger worker` process (projections, relay, checkpoints; no HTTP), resolved once it says it runs. */
export async function startWorkerProcess(dataDir: string, env: Record<string, string> = {}, onOutput?: (text: string) => void): Promise<ChildProcess> {
  const child = spawn(process.execPath, [MAIN, 'worker'], {
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const seen = (chunk: Buffer) => {
      onOutput?.(chunk.toString());
      output += chunk.toString();
      if (output.includes('worker running')) resolve();
    };
    child.stdout?.on('data', seen);
    child.stderr?.on('data', seen);
    child.once('exit', (code) => reject(new Error(`worker exited with ${code}: ${output}`)));
  });
  return child;
}
