import { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fetchJars, INFRA_DIR, startJavaMain } from './java-server';
import { freePort } from './free-port';

/** A real MongoDB-wire server (mongo-java-server, in-memory) on a free loopback port. */
export async function startMongoWire(): Promise<{ url: string; process: ChildProcess }> {
  const dir = join(INFRA_DIR, 'mongo');
  const jars = fetchJars('mongo-java-server-1.47.0', dir);
  const port = await freePort();
  const child = await startJavaMain(jars, join(dir, 'MongoWireServer.java'), [String(port)]);
  return { url: `mongodb://127.0.0.1:${port}`, process: child };
}
