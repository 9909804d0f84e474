export default async function globalTeardown(): Promise<void> {
  for (const child of globalThis.__CIVIC_LEDGER_INFRA__ ?? []) {
    if (child.exitCode === null) child.kill('SIGTERM');
  }
}
