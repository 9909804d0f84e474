import { join } from 'node:path';
import { interactionStreamId } from '@civic-ledger/domain';
import { SqliteEventStore } from '@civic-ledger/event-store';
import { Kafka, logLevel, Message } from 'kafkajs';
import { CheckpointStore, EventPublisher, OutboundMessage, Relay } from '@civic-ledger/messaging';
import { KafkaEventPublisher } from '@civic-ledger/messaging/kafka';
import { startKafkaBroker } from '../tests/infra/kafka-broker';
import { haveJava } from '../tests/infra/java-server';
import { envelope } from './ledger-fixture';
import { latencySummary, now } from './stats';

function memoryCheckpoints(): CheckpointStore {
  const positions = new Map<string, number>();
  return { load: async (name) => positions.get(name) ?? 0, save: async (name, position) => { positions.set(name, position); } };
}

/** Passes every publish through and keeps a copy of each batch (for the raw baseline). */
function recording(inner: EventPublisher, batches: OutboundMessage[][]): EventPublisher {
  return {
    ensureTopics: (topics) => inner.ensureTopics(topics),
    publish: (messages) => { batches.push([...messages]); return inner.publish(messages); },
    close: () => inner.close(),
  };
}

/**
 * The raw baseline: the very messages the relay sent, in the same batches, pre-encoded as Buffers,
 * sent by a bare kafkajs producer with the same settings (idempotent, acks from all in-sync replicas,
 * one batch at a time) and no ledger reads, mapping or checks.
 */
async function rawProducer(brokers: string, batches: readonly OutboundMessage[][]): Promise<{ messages: number }> {
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
export async function kafkaFigures(ledgerDir: string, rate: number, seconds: number): Promise<{ eventsPerSecond: number; events: number; lag: ReturnType<typeof latencySummary>; rate: number; messagesPerSecond: number; rawMessagesPerSecond: number; messages: number } | null> {
  if (!haveJava()) return null;
  const broker = await startKafkaBroker();
  const events = new SqliteEventStore(join(ledgerDir, 'ledger.sqlite'));
  try {
    const publisher = new KafkaEventPublisher({ brokers: [broker.brokers] });
    const head = await events.headPosition();
    const sent: OutboundMessage[][] = [];
    const bulk = new Relay(events, recording(publisher, sent), memoryCheckpoints(), { partitions: 6 });
    await bulk.init();
    const started = now();
    bulk.start();
    await bulk.waitFor(head);
    const bulkMs = now() - started;
    const eventsPerSecond = (head / bulkMs) * 1000;
    await bulk.stop();
    const messages = sent.reduce((n, b) => n + b.length, 0);
    const messagesPerSecond = (messages / bulkMs) * 1000;
    const raw = await rawProducer(broker.brokers, sent);
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
    return { eventsPerSecond, events: head, lag: latencySummary(lags), rate, messagesPerSecond, rawMessagesPerSecond: raw.messages, messages };
  } finally {
    await events.close();
    await broker.stop();
  }
}
