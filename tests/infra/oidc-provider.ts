import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface TestOidcProvider {
  readonly issuer: string;
  stop(): Promise<void>;
}

/** Starts the test OpenID provider (tests/infra/oidc-provider) in a child process and waits for its issuer URL. */
export async function startOidcProvider(clients: readonly object[], accounts: Record<string, object> = {}): Promise<TestOidcProvider> {
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 'oidc-provider', 'oidc-provider.server.mjs')], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', OIDC_TEST_CLIENTS: JSON.stringify(clients), OIDC_TEST_ACCOUNTS: JSON.stringify(accounts) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve((JSON.parse(line) as { issuer: string }).issuer);
    });
    child.once('exit', (code) => reject(new Error(`the test OpenID provider exited with ${code}: ${stderr}`)));
  });
  return {
    issuer,
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}
