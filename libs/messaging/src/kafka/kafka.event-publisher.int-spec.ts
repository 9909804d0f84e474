import { Kafka, logLevel } from 'kafkajs';
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

  async function readBack(topic: string, count: number): Promise<number[]> {
    const kafka = new Kafka({ clientId: 'spec-reader', brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: `spec-${topic}` });
    await consumer.connect();
    await consumer.subscribe({ topics: [topic], fromBeginning: true });
    const seen: number[] = [];
    await new Promise<void>((resolve) => {
      void consumer.run({ eachMessage: async ({ message }) => {
        seen.push(Number(message.headers?.ce_position?.toString()));
        if (seen.length === count) resolve();
      } });
    });
    await consumer.disconnect();
    return seen;
  }

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
