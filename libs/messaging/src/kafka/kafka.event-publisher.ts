import { Admin, CompressionTypes, Kafka, logLevel, Partitioners, Producer } from 'kafkajs';
import { EventPublisher, OutboundMessage, TopicSpec } from '../event-publisher.port';

export interface KafkaPublisherOptions {
  readonly brokers: readonly string[];
  readonly clientId?: string;
  readonly replicationFactor?: number;
}

/**
 * How long one publish may keep retrying inside kafkajs: about a second. Messages are decrypted when
 * the relay reads them; a client that kept resending a batch through a long outage would deliver a
 * party's data after the party was erased. So a publish gives up quickly, and the relay goes back to
 * its checkpoint and reads (decrypts) again, checking the parties' keys right before each send.
 */
const SEND_RETRY = { initialRetryTime: 100, maxRetryTime: 400, retries: 2 };
/** Creating topics at start may wait for a broker that is still starting. */
const ADMIN_RETRY = { initialRetryTime: 200, retries: 8 };

/**
 * kafkajs behind the EventPublisher port: an idempotent producer (one request in flight, so retries
 * never reorder a partition), acks from all in-sync replicas, murmur2 partitioning by key (the
 * party), topics created explicitly (the profile topic compacted), bounded retries (SEND_RETRY).
 */
export class KafkaEventPublisher implements EventPublisher {
  private readonly kafka: Kafka;
  private producer: Producer | null = null;

  constructor(private readonly options: KafkaPublisherOptions) {
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
      const producer = this.kafka.producer({ idempotent: true, retry: SEND_RETRY, maxInFlightRequests: 1, allowAutoTopicCreation: false, createPartitioner: Partitioners.DefaultPartitioner });
      await producer.connect();
      this.producer = producer;
    }
    return this.producer;
  }

  async publish(messages: readonly OutboundMessage[]): Promise<void> {
    const byTopic = new Map<string, OutboundMessage[]>();
    for (const m of messages) {
      const list = byTopic.get(m.topic);
      if (list) list.push(m);
      else byTopic.set(m.topic, [m]);
    }
    const producer = await this.connected();
    try {
      await producer.sendBatch({
        acks: -1,
        compression: CompressionTypes.None,
        topicMessages: [...byTopic.entries()].map(([topic, list]) => ({
          // The headers object is handed over as it is (kafkajs only reads it; no copy per message).
          topic, messages: list.map((m) => ({ key: m.key, value: m.value, headers: m.headers as Record<string, string> })),
        })),
      });
    } catch (error) {
      // A fresh producer next time: kafkajs may leave a broken connection after a broker restart.
      await this.reset();
      throw error;
    }
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
