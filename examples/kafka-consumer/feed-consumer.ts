/**
 * An example downstream consumer of the civic-ledger feed, written to be copied:
 * - subscribes to the public topics as a consumer group,
 * - validates every message against the published JSON Schema for its ce_type,
 * - drops duplicates (delivery is at least once) by (ce_source, ce_id),
 * - accepts every published version of a type (PartyProfile.v1 and .v2, ...),
 * - honours erasure: a PartyErased event, a profile with status "erased" or a tombstone
 *   (PartyProfileErased, null value) on the profile topic deletes the local copy.
 * Offsets are committed only after a message is handled, so a crash re-delivers rather than loses.
 */
import { Consumer, EachMessagePayload, Kafka, logLevel } from 'kafkajs';
import { ContractValidator } from './contract-validator';

export const FEED_TOPICS = ['civic-ledger.party.v1', 'civic-ledger.interaction.v1', 'civic-ledger.correspondence.v1', 'civic-ledger.party-profile.v1', 'civic-ledger.audit.v1'];

export interface FeedMessage {
  topic: string;
  partition: number;
  key: string;
  headers: Record<string, string>;
  payload: Record<string, unknown> | null;
}

/** What a consumer keeps: here in memory; a real one would use its own database. */
export interface LocalCopy {
  profiles: Map<string, Record<string, unknown>>;
  seen: Set<string>;
  received: FeedMessage[];
  invalid: { type: string; errors: string[] }[];
  duplicates: number;
}

function headerMap(message: EachMessagePayload['message']): Record<string, string> {
  return Object.fromEntries(Object.entries(message.headers ?? {}).map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('utf8') : String(v)]));
}

export function handle(copy: LocalCopy, validator: ContractValidator, m: FeedMessage): void {
  const { ce_id: id, ce_source: source, ce_type: type } = m.headers;
  const dedupeKey = `${source}|${id}`;
  if (copy.seen.has(dedupeKey)) {
    copy.duplicates += 1;
    return;
  }
  copy.seen.add(dedupeKey);
  if (m.payload === null) {
    copy.profiles.delete(m.key); // tombstone: the party was erased
    copy.received.push(m);
    return;
  }
  const errors = validator.validate(type, m.payload);
  if (errors.length) copy.invalid.push({ type, errors });
  const name = /^civic-ledger\.([A-Za-z]+)\.v\d+$/.exec(type)?.[1];
  if (name === 'PartyProfile') {
    if (m.payload.status === 'erased') copy.profiles.delete(m.key);
    else copy.profiles.set(m.key, m.payload);
  }
  if (name === 'PartyErased') copy.profiles.delete(m.key);
  copy.received.push(m);
}

export async function startFeedConsumer(brokers: string[], groupId: string, validator: ContractValidator): Promise<{ copy: LocalCopy; consumer: Consumer }> {
  const kafka = new Kafka({ clientId: groupId, brokers, logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, retry: { retries: 10 } });
  const copy: LocalCopy = { profiles: new Map(), seen: new Set(), received: [], invalid: [], duplicates: 0 };
  await consumer.connect();
  await consumer.subscribe({ topics: FEED_TOPICS, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ topic, partition, message }) => {
      handle(copy, validator, {
        topic, partition, key: message.key?.toString('utf8') ?? '', headers: headerMap(message),
        payload: message.value === null ? null : (JSON.parse(message.value.toString('utf8')) as Record<string, unknown>),
      });
    },
  });
  return { copy, consumer };
}
