import { randomBytes } from 'node:crypto';
import { PartitionerArgs } from 'kafkajs';

/**
 * kafkajs' DefaultPartitioner (the Java client's: murmur2 of the key's UTF-8 bytes, made positive,
 * modulo the topic's partitions; a message's own `partition` wins; no key: round robin over the
 * partitions that have a leader), computed in 32-bit integer arithmetic. kafkajs computes the same
 * hash through 64-bit BigInt objects, about a tenth of the relay's CPU time once its records were
 * encoded cheaply; key-partitioner.spec.ts checks both pick the same partition for every key.
 */
const M = 0x5bd1e995;
const SEED = 0x9747b28c;

/** murmur2 as the Java client computes it (signed 32-bit result). */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest === 3) h ^= data[whole + 2] << 16;
  if (rest >= 2) h ^= data[whole + 1] << 8;
  if (rest >= 1) h = Math.imul(h ^ data[whole], M);
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** Scratch space for the bytes of a key that is plain ASCII (party ids): no Buffer per message. */
const scratch = new Uint8Array(256);

function keyHash(key: Buffer | string): number {
  if (typeof key !== 'string') return murmur2(key);
  const n = key.length;
  if (n <= scratch.length) {
    let i = 0;
    for (; i < n; i += 1) {
      const c = key.charCodeAt(i);
      if (c >= 0x80) break;
      scratch[i] = c;
    }
    if (i === n) return murmur2(scratch.subarray(0, n));
  }
  return murmur2(Buffer.from(key));
}

const toPositive = (x: number) => x & 0x7fffffff;

/** A partitioner factory for kafkajs' `createPartitioner`. */
export function keyPartitioner(): (args: PartitionerArgs) => number {
  const counters = new Map<string, number>();
  return ({ topic, partitionMetadata, message }) => {
    if (message.partition !== null && message.partition !== undefined) return message.partition;
    if (message.key !== null && message.key !== undefined) return toPositive(keyHash(message.key)) % partitionMetadata.length;
    const counter = (counters.get(topic) ?? randomBytes(4).readUInt32BE(0)) + 1;
    counters.set(topic, counter);
    const available = partitionMetadata.filter((p) => p.leader >= 0);
    if (available.length > 0) return available[toPositive(counter) % available.length].partitionId;
    return toPositive(counter) % partitionMetadata.length;
  };
}
