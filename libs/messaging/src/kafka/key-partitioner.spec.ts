import { randomBytes, randomUUID } from 'node:crypto';
import { PartitionMetadata, Partitioners } from 'kafkajs';
import { keyPartitioner, murmur2 } from './key-partitioner';

const metadata = (n: number): PartitionMetadata[] =>
  Array.from({ length: n }, (_, partitionId) => ({ partitionId, leader: 1, replicas: [1], isr: [1], partitionErrorCode: 0, offlineReplicas: [] }));

describe('the key partitioner', () => {
  it('gives the Java client murmur2 of known inputs', () => {
    // Values from the Java client's own test (Utils.murmur2).
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
    expect(murmur2(Buffer.from('foobar'))).toBe(-790332482);
    expect(murmur2(Buffer.from('a-little-bit-long-string'))).toBe(-985981536);
    expect(murmur2(Buffer.from('a-little-bit-longer-string'))).toBe(-1486304829);
    expect(murmur2(Buffer.from('lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8'))).toBe(-58897971);
    expect(murmur2(Buffer.from([97, 98, 99]))).toBe(479470107);
  });

  it('picks the partition kafkajs DefaultPartitioner picks for every key', () => {
    const ours = keyPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    const keys: (string | Buffer)[] = [
      '', 'a', 'ab', 'abc', 'ledger', 'Zoë', 'ключ', '𝄞 party', 'x'.repeat(300),
      ...Array.from({ length: 500 }, () => randomUUID()),
      ...Array.from({ length: 200 }, (_, i) => randomBytes(i % 40)),
    ];
    for (const partitions of [1, 2, 3, 6, 7, 12]) {
      const partitionMetadata = metadata(partitions);
      for (const key of keys) {
        const message = { key, value: 'v' };
        expect(ours({ topic: 't', partitionMetadata, message })).toBe(theirs({ topic: 't', partitionMetadata, message }));
      }
    }
  });

  it('keeps a partition the message names, and spreads messages without a key over the partitions with a leader', () => {
    const partition = keyPartitioner();
    const partitionMetadata = [...metadata(3), { partitionId: 3, leader: -1, replicas: [1], isr: [], partitionErrorCode: 0, offlineReplicas: [] }];
    expect(partition({ topic: 't', partitionMetadata, message: { key: 'k', value: 'v', partition: 3 } })).toBe(3);
    const chosen = new Set(Array.from({ length: 9 }, () => partition({ topic: 't', partitionMetadata, message: { value: 'v' } })));
    expect([...chosen].sort()).toEqual([0, 1, 2]);
  });
});
