import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { interactionStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { Kafka, logLevel, Message } from 'kafkajs';
import { CheckpointStore, EventPublisher, OutboundMessage, Relay } from '@civic-ledger/messaging';
import { installFastProduceEncoding, KafkaEventPublisher, uninstallFastProduceEncoding } from '@civic-ledger/messaging/kafka';
import { startKafkaBroker } from '../tests/infra/kafka-broker';
import { haveJava } from '../tests/infra/java-server';
import { envelope } from './ledger-fixture';
import { latencySummary, now } from './stats';

function memoryCheckpoints(): CheckpointStore {
  const positions = new Map<string, number>();
  return { load: async (name) => positions.get(name) ?? 0, save: async (name, position) => { positions.set(name, position); } };
}

/** Passes every publish through and keeps each batch (for the raw baseline; the relay makes a new array per batch). */
function recording(inner: EventPublisher, batches: (readonly OutboundMessage[])[]): EventPublisher {
  return {
    ensureTopics: (topics) => inner.ensureTopics(topics),
    publish: (messages) => { batches.push(messages); return inner.publish(messages); },
    close: () => inner.close(),
  };
}

/** CPU seconds (user + system) used so far by a process and its descendants (Linux /proc; 0 elsewhere). */
function treeCpuSeconds(root: number): number {
  let children: Map<number, number[]>;
  const stats = new Map<number, number>();
  try {
    children = new Map();
    for (const name of readdirSync('/proc')) {
      if (!/^\d+$/.test(name)) continue;
      try {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const pid = Number(name);
        const parent = Number(fields[1]);
        stats.set(pid, (Number(fields[11]) + Number(fields[12])) / 100);
        children.set(parent, [...(children.get(parent) ?? []), pid]);
      } catch { /* the process ended meanwhile */ }
    }
  } catch {
    return 0;
  }
  let total = 0;
  const stack = [root];
  while (stack.length > 0) {
    const pid = stack.pop() as number;
    total += stats.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

/**
 * CPU each side used over a phase: this process (relay or raw producer) and the broker, as a share of
 * one core and as microseconds per message (steadier than rates on a shared machine).
 */
async function cpuOf<T>(brokerPid: number, messages: () => number, phase: () => Promise<T>): Promise<{ result: T; seconds: number; cpu: PhaseCpu }> {
  const broker = treeCpuSeconds(brokerPid);
  const node = process.cpuUsage();
  const started = now();
  const result = await phase();
  const seconds = (now() - started) / 1000;
  const used = process.cpuUsage(node);
  const nodeSeconds = (used.user + used.system) / 1e6;
  const brokerSeconds = treeCpuSeconds(brokerPid) - broker;
  const n = messages();
  return {
    result, seconds,
    cpu: { node: round2(nodeSeconds / seconds), broker: round2(brokerSeconds / seconds), nodeUsPerMessage: round2((nodeSeconds * 1e6) / n), brokerUsPerMessage: round2((brokerSeconds * 1e6) / n) },
  };
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * The raw baseline: the very messages the relay sent, in the same batches, pre-encoded as Buffers,
 * sent by a bare kafkajs producer with the same settings (idempotent, acks from all in-sync replicas,
 * one batch at a time) and no ledger reads, mapping or checks.
 */
async function rawProducer(brokers: string, batches: readonly (readonly OutboundMessage[])[]): Promise<{ messages: number }> {
  const encoded = batches.map((batch) => {
    const byTopic = new Map<string, Message[]>();
    for (const m of batch) {
      const message: Message = { key: Buffer.from(m.key), value: m.value === null ? null : Buffer.from(m.value), headers: Object.fromEntries(Object.entries(m.headers).map(([k, v]) => [k, Buffer.from(v)])) };
      const list = byTopic.get(m.topic);
      if (list) list.push(message);
      else byTopic.set(m.topic, [message]);
    }
    return [...byTopic.entries()].map(([topic, messages]) => ({ topic, messages }));
  });
  const kafka = new Kafka({ clientId: 'bench-raw', brokers: [brokers], logLevel: logLevel.NOTHING });
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const started = now();
    for (const topicMessages of encoded) await producer.sendBatch({ acks: -1, topicMessages });
    const ms = now() - started;
    return { messages: batches.reduce((n, b) => n + b.length, 0) / (ms / 1000) };
  } finally {
    await producer.disconnect();
  }
}

/**
 * Relay to a real Apache Kafka broker started from tests/infra: throughput over an existing ledger,
 * then append-to-broker-ack lag at a steady rate.
 */
export type PhaseCpu = { node: number; broker: number; nodeUsPerMessage: number; brokerUsPerMessage: number };
export interface KafkaFigures {
  eventsPerSecond: number; events: number; lag: ReturnType<typeof latencySummary>; rate: number; messagesPerSecond: number; messages: number;
  rawMessagesPerSecond: number; rawFastMessagesPerSecond: number; cpu: { relay: PhaseCpu; raw: PhaseCpu; rawFast: PhaseCpu };
}

/**
 * The broker's JVM compiles its produce path during the first seconds of load: without a warm-up, the
 * relay (measured first) would pay for it and the raw producers after it would not.
 */
async function warmUp(publisher: KafkaEventPublisher): Promise<void> {
  const topic = 'bench.warm-up';
  await publisher.ensureTopics([{ name: topic, partitions: 6, compacted: false }]);
  // Many requests, not only many records: the broker's per-request path needs its own invocations to be compiled.
  for (let batch = 0; batch < 240; batch += 1) {
    await publisher.publish(Array.from({ length: 250 }, (_, i) => ({
      topic, key: `party-${i % 97}`, value: JSON.stringify({ batch, i, summary: 'warm-up' }),
      headers: { ce_specversion: '1.0', ce_id: `${batch}-${i}`, ce_source: '/bench', ce_type: 'bench.WarmUp', ce_subject: `party-${i % 97}`, ce_time: '2024-01-01T00:00:00.000Z', ce_recordedat: '2024-01-01T00:00:00.000Z', ce_position: String(i), 'content-type': 'application/json' },
    })));
  }
}

export async function kafkaFigures(ledgerDir: string, rate: number, seconds: number): Promise<KafkaFigures | null> {
  if (!haveJava()) return null;
  const broker = await startKafkaBroker();
  const events = new SqliteEventStore(join(ledgerDir, 'ledger.sqlite'));
  try {
    const publisher = new KafkaEventPublisher({ brokers: [broker.brokers] });
    const brokerPid = broker.process.pid ?? 0;
    await warmUp(publisher);
    const head = await events.headPosition();
    const sent: (readonly OutboundMessage[])[] = [];
    const bulk = new Relay(events, recording(publisher, sent), memoryCheckpoints(), { partitions: 6 });
    await bulk.init();
    const count = () => sent.reduce((n, b) => n + b.length, 0);
    const relayPhase = await cpuOf(brokerPid, count, async () => {
      bulk.start();
      await bulk.waitFor(head);
    });
    const eventsPerSecond = head / relayPhase.seconds;
    await bulk.stop();
    const messages = sent.reduce((n, b) => n + b.length, 0);
    const messagesPerSecond = messages / relayPhase.seconds;
    // The raw producer as kafkajs ships it, then with the relay's Produce encoding (fast-produce.ts).
    uninstallFastProduceEncoding();
    const raw = await cpuOf(brokerPid, count, () => rawProducer(broker.brokers, sent));
    installFastProduceEncoding();
    const rawFast = await cpuOf(brokerPid, count, () => rawProducer(broker.brokers, sent));
    sent.length = 0;

    const appendedAt = new Map<number, number>();
    const lags: number[] = [];
    let acked = head;
    const live = new Relay(events, publisher, { load: async () => head, save: async () => undefined }, {
      batchSize: 500,
      onBatch: ({ position }) => {
        const t = now();
        for (let p = acked + 1; p <= position; p += 1) {
          const at = appendedAt.get(p);
          if (at !== undefined) { lags.push(t - at); appendedAt.delete(p); }
        }
        acked = position;
      },
    });
    await live.init();
    live.start();
    const perTick = Math.max(1, Math.round(rate / 100));
    let last = head;
    for (let tick = 0; tick < seconds * 100; tick += 1) {
      const tickStart = now();
      const appends = Array.from({ length: perTick }, (_, i) => {
        const id = `${tick}-${i}-${Math.random().toString(36).slice(2)}`;
        return events.append(interactionStreamId(id), [envelope('InteractionRecorded', {
          interactionId: id, channel: 'phone', direction: 'inbound', occurredAt: '2024-01-01T00:00:00.000Z', partyIds: ['p'], department: 'housing', topics: [], summary: 'x', confidentiality: 'normal',
        }, '2024-01-01T00:00:00.000Z')], 'no_stream');
      });
      for (const result of await Promise.all(appends)) { appendedAt.set(result.position, now()); last = Math.max(last, result.position); }
      const wait = 10 - (now() - tickStart);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await live.waitFor(last, 60_000);
    await live.stop();
    await publisher.close();
    return {
      eventsPerSecond, events: head, lag: latencySummary(lags), rate, messagesPerSecond, messages,
      rawMessagesPerSecond: raw.result.messages, rawFastMessagesPerSecond: rawFast.result.messages,
      cpu: { relay: relayPhase.cpu, raw: raw.cpu, rawFast: rawFast.cpu },
    };
  } finally {
    await events.close();
    await broker.stop();
  }
}
