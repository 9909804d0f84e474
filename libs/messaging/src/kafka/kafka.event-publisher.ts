import { Admin, CompressionTypes, Kafka, logLevel, Message, Producer } from 'kafkajs';
import { EventPublisher, OutboundMessage, TopicSpec } from '../event-publisher.port';
import { installFastProduceEncoding } from './fast-produce';
import { keyPartitioner } from './key-partitioner';

export interface KafkaPublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly replicationFactor?: number;
  /** Most bytes (estimated) in one produce request; a batch above it goes out in several, in order. */
  readonly maxRequestBytes?: number;
}

/**
 * Below the broker's default `message.max.bytes` (1 MiB), which bounds the record batch kafkajs sends
 * to one partition: a relay batch of one busy key (a party with thousands of new interactions, the
 * audit topic) would otherwise be refused as too large, on every retry.
 */
export const MAX_REQUEST_BYTES = 900_000;
/** Record overhead (length, attributes, deltas, header counts) on top of key, value and header bytes. */
const RECORD_OVERHEAD = 32;

/**
 * How long one publish may keep retrying inside kafkajs: about a second. Messages are decrypted when
 * the relay reads them; a client that kept resending a batch through a long outage would deliver a
 * party's data after the party was erased. So a publish gives up quickly, and the relay goes back to
 * its checkpoint and reads (decrypts) again, checking the parties' keys right before each send.
 */
const SEND_RETRY = { initialRetryTime: 100, maxRetryTime: 400, retries: 2 };
/** Bytes a message takes in a produce request, about. */
function sizeOf(m: OutboundMessage): number {
  let size = RECORD_OVERHEAD + Buffer.byteLength(m.key) + (m.value === null ? 0 : Buffer.byteLength(m.value));
  for (const name in m.headers) size += name.length + Buffer.byteLength(m.headers[name]) + 2;
  return size;
}

/** Creating topics at start may wait for a broker that is still starting. */
const ADMIN_RETRY = { initialRetryTime: 200, retries: 8 };

/**
 * kafkajs behind the EventPublisher port: an idempotent producer (one request in flight, so retries
 * never reorder a partition), acks from all in-sync replicas, murmur2 partitioning by key (the
 * party), topics created explicitly (the profile topic compacted), bounded retries (SEND_RETRY).
 * Produce requests are encoded by fast-produce.ts (the same bytes as kafkajs', in one buffer) and
 * partitions chosen by key-partitioner.ts (the same partitions as kafkajs' DefaultPartitioner).
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;

  constructor(private readonly options: KafkaPublisherOptions) {
    installFastProduceEncoding();
    this.kafka = new Kafka({
      clientId: options.clientId ?? 'civic-ledger-relay',
      brokers: [...options.brokers],
      logLevel: logLevel.NOTHING,
      retry: SEND_RETRY,
      connectionTimeout: 1000,
      requestTimeout: 10_000,
    });
  }

  async ensureTopics(topics: readonly TopicSpec[]): Promise<void> {
    const admin: Admin = this.kafka.admin({ retry: ADMIN_RETRY });
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length === 0) return;
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name, numPartitions: t.partitions, replicationFactor: this.options.replicationFactor ?? -1,
          configEntries: t.compacted ? [{ name: 'cleanup.policy', value: 'compact' }] : [],
        })),
      });
    } finally {
      await admin.disconnect();
    }
  }

  private async connected(): Promise<Producer> {
    if (!this.producer) {
      const producer = this.kafka.producer({ idempotent: true, retry: SEND_RETRY, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: keyPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  /**
   * One produce request per batch, messages grouped by topic (kafkajs makes one record batch per
   * partition); a batch larger than maxRequestBytes goes out in consecutive requests, each awaited, so
   * a partition still receives the messages in order. Resolves when every request was acknowledged.
   */
  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    const producer = await this.connected();
    try {
      for (const chunk of this.chunks(messages)) {
        const byTopic = new Map<string, Message[]>();
        for (const m of chunk) {
          // The headers object is handed over as it is (kafkajs only reads it; no copy per message).
          const message: Message = { key: m.key, value: m.value, headers: m.headers as Record<string, string> };
          const list = byTopic.get(m.topic);
          if (list) list.push(message);
          else byTopic.set(m.topic, [message]);
        }
        await producer.sendBatch({
          acks: -1,
          compression: CompressionTypes.None,
          topicMessages: [...byTopic.entries()].map(([topic, list]) => ({ topic, messages: list })),
        });
      }
    } catch (error) {
      // A fresh producer next time: kafkajs may leave a broken connection after a broker restart.
      await this.reset();
      throw error;
    }
  }

  /** Consecutive runs of messages whose estimated size stays within maxRequestBytes (at least one message each). */
  private *chunks(messages: readonly OutboundMessage[]): Generator<readonly OutboundMessage[]> {
    const limit = this.options.maxRequestBytes ?? MAX_REQUEST_BYTES;
    let start = 0;
    let bytes = 0;
    for (let i = 0; i < messages.length; i += 1) {
      const size = sizeOf(messages[i]);
      if (i > start && bytes + size > limit) {
        yield messages.slice(start, i);
        start = i;
        bytes = 0;
      }
      bytes += size;
    }
    if (start === 0) yield messages;
    else if (start < messages.length) yield messages.slice(start);
  }

  private async reset(): Promise<void> {
    const producer = this.producer;
    this.producer = null;
    await producer?.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.reset();
  }
}
