import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository root, whether this runs from tests/infra or from its compiled copy in dist/. */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above tests/infra');
    dir = parent;
  }
  return dir;
}

export const ROOT = repoRoot();
export const INFRA_DIR = join(ROOT, 'tests', 'infra');
export const CACHE_DIR = join(ROOT, '.cache', 'infra');

export function haveJava(): boolean {
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    execFileSync('mvn', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Copies a test server's jars from Maven Central into .cache/infra/<name> once; later runs reuse them. */
export function fetchJars(name: string, pomDir: string): string {
  const target = join(CACHE_DIR, name);
  if (existsSync(target) && readdirSync(target).some((f) => f.endsWith('.jar'))) return target;
  mkdirSync(target, { recursive: true });
  process.stderr.write(`[infra] downloading ${name} jars with Maven (cached in ${target})\n`);
  execFileSync('mvn', ['-q', '-B', '-f', join(pomDir, 'pom.xml'), 'dependency:copy-dependencies', `-DoutputDirectory=${target}`], { stdio: ['ignore', 'inherit', 'inherit'], timeout: 600_000 });
  return target;
}

/** Starts a single-file Java main on the classpath and waits for its "READY" line. */
export function startJavaMain(jarDir: string, source: string, args: string[], timeoutMs = 60_000): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn('java', ['-Xmx512m', '-cp', join(jarDir, '*'), source, ...args], { stdio: ['ignore', 'pipe', 'pipe'], detached: false });
    let output = '';
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`${source} did not start: ${output}`)); }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('READY')) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => { output += chunk.toString(); });
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${source} exited with ${code}: ${output}`)); });
  });
}
