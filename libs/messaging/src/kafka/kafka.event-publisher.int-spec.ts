import { Kafka, KafkaMessage, logLevel, Partitioners } from 'kafkajs';
import { KafkaBroker, startKafkaBroker } from '../../../../tests/infra/kafka-broker';
import { javaServersAvailable } from '../../../../tests/infra/require-java';
import { OutboundMessage } from '../event-publisher.port';
import { KafkaEventPublisher } from './kafka.event-publisher';

const suite = javaServersAvailable('Kafka publisher') ? describe : describe.skip;

/** The adapter against a real Apache Kafka broker (KRaft, single node, default message.max.bytes of 1 MiB). */
suite('KafkaEventPublisher', () => {
  let broker: KafkaBroker;
  beforeAll(async () => { broker = await startKafkaBroker(); }, 120_000);
  afterAll(async () => { await broker?.stop(); });

  // 3,000 messages of one key, about 2.4 MB: all for one partition, more than one record batch may hold.
  const burst = (topic: string): OutboundMessage[] => Array.from({ length: 3000 }, (_, i) => ({
    topic, key: 'party-1', value: JSON.stringify({ n: i, pad: 'x'.repeat(600) }), headers: { ce_id: `id-${i}`, ce_position: String(i + 1) },
  }));

  /** Every message of a topic as a consumer decodes it, with its partition. */
  async function consume(topic: string, count: number): Promise<{ partition: number; message: KafkaMessage }[]> {
    const kafka = new Kafka({ clientId: 'spec-reader', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `spec-${topic}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen: { partition: number; message: KafkaMessage }[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ partition, message }) => {
        seen.push({ partition, message });
        if (seen.length === count) resolve();
      } });
    });
    await consumer.disconnect();
    return seen;
  }

  const readBack = async (topic: string, count: number) => (await consume(topic, count)).map((r) => Number(r.message.headers?.ce_position?.toString()));

  it('writes records the broker accepts (it checks each batch\'s CRC) and a consumer reads back as sent, on kafkajs\' partitions', async () => {
    const publisher = new KafkaEventPublisher({ brokers: [broker.brokers] });
    const sent: OutboundMessage[] = Array.from({ length: 400 }, (_, i) => ({
      topic: 'fields', key: `party-${i % 23}-ü`, value: i % 50 === 7 ? null : JSON.stringify({ n: i, summary: `Rückruf ${'☎'.repeat(i % 5)} 𝄞` }),
      headers: { ce_specversion: '1.0', ce_id: `id-${i}`, ce_subject: `party-${i % 23}-ü`, ce_position: String(i + 1), 'content-type': 'application/json' },
    }));
    try {
      await publisher.ensureTopics([{ name: 'fields', partitions: 6, compacted: false }]);
      await publisher.publish(sent);
      const received = await consume('fields', sent.length);
      const partition = Partitioners.DefaultPartitioner();
      const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));
      const byId = new Map(received.map((r) => [r.message.headers?.ce_id?.toString(), r]));
      for (const m of sent) {
        const r = byId.get(m.headers.ce_id);
        expect(r).toBeDefined();
        expect(r?.message.key?.toString()).toBe(m.key);
        expect(r?.message.value === null ? null : r?.message.value.toString()).toBe(m.value);
        expect(Object.fromEntries(Object.entries(r?.message.headers ?? {}).map(([k, v]) => [k, v?.toString()]))).toEqual(m.headers);
        expect(r?.partition).toBe(partition({ topic: 'fields', partitionMetadata, message: { key: m.key, value: m.value } }));
      }
    } finally {
      await publisher.close();
    }
  }, 60_000);

  it('sends a batch larger than one produce request may be in consecutive requests, in order', async () => {
    const publisher = new KafkaEventPublisher({ brokers: [broker.brokers] });
    try {
      await publisher.ensureTopics([{ name: 'burst', partitions: 3, compacted: false }]);
      await publisher.publish(burst('burst'));
      expect(await readBack('burst', 3000)).toEqual(Array.from({ length: 3000 }, (_, i) => i + 1));
    } finally {
      await publisher.close();
    }
  }, 60_000);

  it('is refused by the broker when sent as one request (why the publisher splits)', async () => {
    const publisher = new KafkaEventPublisher({ brokers: [broker.brokers], maxRequestBytes: 10_000_000 });
    try {
      await publisher.ensureTopics([{ name: 'burst-whole', partitions: 3, compacted: false }]);
      await expect(publisher.publish(burst('burst-whole'))).rejects.toMatchObject({ type: 'MESSAGE_TOO_LARGE' });
    } finally {
      await publisher.close();
    }
  }, 60_000);
});
