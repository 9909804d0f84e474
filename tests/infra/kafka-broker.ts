import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { freePort } from './free-port';
import { fetchJars, INFRA_DIR } from './java-server';

export interface KafkaBroker {
  readonly brokers: string;
  readonly dataDir: string;
  process: ChildProcess;
  /** SIGKILL, as a crash would. */
  kill(): Promise<void>;
  /** Starts the broker again on the same port and log directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}


function properties(dir: string, port: number, controllerPort: number): string {
  return [
    'process.roles=broker,controller', 'node.id=1', `controller.quorum.voters=1@127.0.0.1:${controllerPort}`,
    `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controllerPort}`, `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
    'controller.listener.names=CONTROLLER', 'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
    `log.dirs=${join(dir, 'logs')}`, 'num.partitions=3', 'offsets.topic.replication.factor=1', 'transaction.state.log.replication.factor=1',
    'transaction.state.log.min.isr=1', 'group.initial.rebalance.delay.ms=0', 'auto.create.topics.enable=false',
  ].join('\n');
}

async function waitReady(brokers: string, child: ChildProcess, output: () => string, timeoutMs = 90_000): Promise<void> {
  const kafka = new Kafka({ clientId: 'infra-probe', brokers: [brokers], logLevel: logLevel.NOTHING, retry: { retries: 0 } });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Kafka exited with ${child.exitCode}: ${output().slice(-2000)}`);
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      await admin.disconnect();
      return;
    } catch {
      await admin.disconnect().catch(() => undefined);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
  throw new Error(`Kafka did not become ready: ${output().slice(-2000)}`);
}

/** A real single-node Apache Kafka broker (KRaft) on free loopback ports, from jars cached by Maven. */
export async function startKafkaBroker(attempts = 3): Promise<KafkaBroker> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await startOnce();
    } catch (error) {
      // A free port can be taken by another test process before the broker binds it: try new ports.
      if (attempt >= attempts) throw error;
      process.stderr.write(`[infra] Kafka did not start (attempt ${attempt}): ${error instanceof Error ? error.message.slice(0, 300) : String(error)}\n`);
    }
  }
}

async function startOnce(): Promise<KafkaBroker> {
  const jars = fetchJars('kafka-3.9.1', join(INFRA_DIR, 'kafka'));
  const dir = mkdtempSync(join(tmpdir(), 'cl-kafka-'));
  mkdirSync(join(dir, 'logs'));
  const port = await freePort();
  const controllerPort = await freePort();
  const config = join(dir, 'server.properties');
  writeFileSync(config, properties(dir, port, controllerPort));
  const classpath = join(jars, '*');
  execFileSync('java', ['-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', randomBytes(16).toString('base64url'), '-c', config, '--ignore-formatted'], { stdio: 'ignore' });
  const brokers = `127.0.0.1:${port}`;
  let output = '';
  const launch = async (): Promise<ChildProcess> => {
    const child = spawn('java', ['-Xmx512m', '-cp', classpath, 'kafka.Kafka', config], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (c: Buffer) => { output = (output + c.toString()).slice(-20_000); });
    child.stderr?.on('data', (c: Buffer) => { output = (output + c.toString()).slice(-20_000); });
    try {
      await waitReady(brokers, child, () => output);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    return child;
  };
  const exited = (child: ChildProcess) => new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  const broker: KafkaBroker = {
    brokers, dataDir: dir, process: await launch(),
    kill: async () => { broker.process.kill('SIGKILL'); await exited(broker.process); },
    restart: async () => { broker.process = await launch(); },
    stop: async () => { broker.process.kill('SIGTERM'); await exited(broker.process); },
  };
  return broker;
}
