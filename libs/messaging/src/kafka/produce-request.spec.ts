/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs' protocol modules have no typings */
import { randomBytes } from 'node:crypto';
import { crc32c } from './crc32c';
import { installFastProduceEncoding, uninstallFastProduceEncoding } from './fast-produce';
import { encodable, encodeProduceRequest, ProduceMessage, ProduceTopic } from './produce-request';

type Encoded = { buffer: Buffer; buf: Buffer };
type KafkajsProduce = (args: object) => { encode(): Promise<Encoded> };
const kafkajsV3: KafkajsProduce = require('kafkajs/src/protocol/requests/produce/v3/request');
const kafkajsCrc: (b: Buffer) => number = require('kafkajs/src/protocol/recordBatch/crc32C');
const Long: { fromValue(v: unknown): { getHighBits(): number; getLowBits(): number } } = require('kafkajs/src/utils/long');
const produceDefinition: { protocol(v: { version: number }): (args: object) => { request: { encode(): Promise<Encoded> } } } = require('kafkajs/src/protocol/requests/produce');

const NOW = 1_765_000_000_123;

/** A relay message: ten CloudEvents headers, JSON value. */
function relayMessage(i: number, party: string): ProduceMessage {
  return {
    key: party,
    value: JSON.stringify({ interactionId: `i-${i}`, summary: 'Rückruf wegen Wohngeld — ☎', topics: ['housing'] }),
    headers: {
      ce_specversion: '1.0', ce_id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, ce_source: '/civic-ledger/interaction',
      ce_type: 'civic-ledger.InteractionRecorded.v2', ce_subject: party, ce_time: '2024-01-01T00:00:00.000Z',
      ce_dataschema: 'https://schemas.example/contracts/InteractionRecorded.v2.schema.json', ce_recordedat: '2024-01-01T00:00:01.000Z',
      ce_position: String(i), 'content-type': 'application/json',
    },
  };
}

const producerId = 0x10000000005n;

async function kafkajsBytes(topicData: ProduceTopic[], transactionalId: string | null = null): Promise<Buffer> {
  const request = kafkajsV3({ acks: -1, timeout: 30_000, transactionalId, producerId: Long.fromValue(producerId), producerEpoch: 3, compression: 0, topicData });
  return (await request.encode()).buffer;
}

function ourBytes(topicData: ProduceTopic[], transactionalId: string | null = null): Buffer {
  const id = Long.fromValue(producerId);
  return encodeProduceRequest({ transactionalId, acks: -1, timeout: 30_000, producerId: { high: id.getHighBits(), low: id.getLowBits() }, producerEpoch: 3, topicData }, NOW);
}

describe('the Produce request encoder', () => {
  beforeEach(() => { jest.spyOn(Date, 'now').mockReturnValue(NOW); });
  afterEach(() => { jest.restoreAllMocks(); uninstallFastProduceEncoding(); });

  it('writes the bytes kafkajs writes for relay batches over several topics and partitions', async () => {
    const topicData: ProduceTopic[] = [
      { topic: 'civic-ledger.interaction.v1', partitions: [
        { partition: 0, firstSequence: 0, messages: Array.from({ length: 300 }, (_, i) => relayMessage(i, 'party-a')) },
        { partition: 5, firstSequence: 2_000_000, messages: [relayMessage(7, 'party-b')] },
      ] },
      { topic: 'civic-ledger.party-profile.v1', partitions: [{ partition: 2, firstSequence: 17, messages: [{ ...relayMessage(8, 'party-c'), value: null }] }] },
    ];
    expect(ourBytes(topicData).equals(await kafkajsBytes(topicData))).toBe(true);
  });

  it('writes Buffers, multi-byte text, long values, header lists, missing keys and headers, and a transactional id as kafkajs does', async () => {
    const messages: ProduceMessage[] = [
      { key: Buffer.from([0, 255, 7]), value: randomBytes(70_000), headers: { a: Buffer.from('x'), list: ['1', Buffer.from('zwei'), 'drei €'] } },
      { key: null, value: '𝄞 '.repeat(5000), headers: {} },
      { value: 'no key, no headers' },
      { key: 'ü', value: '', headers: { 'ключ': 'значение', empty: '', lone: '\ud800x\udc00', pair: 'a\ud834\udd1e' } },
    ];
    const topicData: ProduceTopic[] = [{ topic: 'tøpic', partitions: [{ partition: 1, firstSequence: 9, messages }] }];
    expect(ourBytes(topicData, 'tx-1').equals(await kafkajsBytes(topicData, 'tx-1'))).toBe(true);
  });

  it('leaves to kafkajs what it does not write: timestamps, other value types', () => {
    expect(encodable([{ topic: 't', partitions: [{ partition: 0, messages: [relayMessage(1, 'p')] }] }])).toBe(true);
    expect(encodable([{ topic: 't', partitions: [{ partition: 0, messages: [{ ...relayMessage(1, 'p'), timestamp: '1700000000000' }] }] }])).toBe(false);
    expect(encodable([{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 42 as unknown as string }] }] }])).toBe(false);
    expect(encodable([{ topic: 't', partitions: [{ partition: 0, messages: [{ key: 'k', value: 'v', headers: { h: null as unknown as string } }] }] }])).toBe(false);
  });

  it('once installed, is what kafkajs sends for Produce versions 3 to 7, and kafkajs keeps compressed requests', async () => {
    const topicData: ProduceTopic[] = [{ topic: 't', partitions: [{ partition: 0, firstSequence: 4, messages: [relayMessage(1, 'p'), relayMessage(2, 'p')] }] }];
    const args = { acks: -1, timeout: 30_000, compression: 0, topicData, transactionalId: null, producerId: Long.fromValue(producerId), producerEpoch: 3 };
    const before = await produceDefinition.protocol({ version: 7 })(args).request.encode();
    const gzipBefore = await produceDefinition.protocol({ version: 7 })({ ...args, compression: 1 }).request.encode();
    expect(before.buf.length).toBeGreaterThan(before.buffer.length);
    expect(installFastProduceEncoding()).toBe(true);
    for (const version of [3, 4, 5, 6, 7]) {
      const after = await produceDefinition.protocol({ version })(args).request.encode();
      expect(after.buffer.equals(before.buffer)).toBe(true);
      // Ours holds exactly the request; kafkajs' encoder grows in powers of two.
      expect(after.buf.length).toBe(after.buffer.length);
    }
    const gzipAfter = await produceDefinition.protocol({ version: 7 })({ ...args, compression: 1 }).request.encode();
    expect(gzipAfter.buffer.equals(gzipBefore.buffer)).toBe(true);
  });
});

describe('CRC-32C', () => {
  it('gives the check value of the Castagnoli polynomial', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
    expect(crc32c(Buffer.alloc(0))).toBe(0);
  });

  it('agrees with kafkajs on every length and offset', () => {
    const data = randomBytes(300);
    for (let start = 0; start < 9; start += 1) {
      for (let end = start; end <= data.length; end += 1) expect(crc32c(data, start, end)).toBe(kafkajsCrc(data.subarray(start, end)));
    }
  });
});
