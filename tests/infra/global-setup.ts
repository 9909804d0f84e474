import { ChildProcess } from 'node:child_process';
import { haveJava } from './java-server';
import { startMongoWire } from './mongo-wire';

declare global {
  var __CIVIC_LEDGER_INFRA__: ChildProcess[] | undefined;
}

/**
 * Starts the real servers the integration tests need, unless the caller points at its own
 * (MONGODB_URL set). Without Java on a developer machine the server-backed suites skip loudly;
 * under CI=true a missing server fails the run.
 */
export default async function globalSetup(): Promise<void> {
  globalThis.__CIVIC_LEDGER_INFRA__ = [];
  if (process.env.MONGODB_URL) return;
  if (!haveJava()) {
    const message = 'Java 17 and Maven are needed to start the MongoDB-wire test server (tests/infra).';
    if (process.env.CI === 'true') throw new Error(`${message} CI cannot skip these suites.`);
    process.stderr.write(`\n\n*** WARNING: ${message} MongoDB suites will be SKIPPED. ***\n\n`);
    return;
  }
  const mongo = await startMongoWire();
  globalThis.__CIVIC_LEDGER_INFRA__.push(mongo.process);
  process.env.MONGODB_URL = mongo.url;
  process.env.CIVIC_LEDGER_TEST_MONGO = 'started';
}
