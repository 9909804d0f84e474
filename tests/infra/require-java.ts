import { haveJava } from './java-server';

/**
 * For suites that start their own Java server: true when they can run. Without Java they are skipped
 * with a loud message on a developer machine; under CI=true the missing server fails the run.
 */
export function javaServersAvailable(suite: string): boolean {
  if (haveJava()) return true;
  if (process.env.CI === 'true') throw new Error(`${suite}: Java 17 and Maven are needed to start the test server; CI cannot skip it.`);
  process.stderr.write(`\n*** ${suite} SKIPPED: Java 17 and Maven are needed to start its test server (tests/infra). ***\n`);
  return false;
}
