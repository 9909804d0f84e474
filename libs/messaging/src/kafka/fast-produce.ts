/* eslint-disable @typescript-eslint/no-require-imports -- kafkajs' protocol modules have no typings */
import { encodable, encodeProduceRequest, ProduceTopic } from './produce-request';

/**
 * kafkajs 2.2.4 encodes each record and each of its headers through an encoder of its own (a 512-byte
 * zero-filled buffer each, then copied into the record's, the batch's and the request's), which is most
 * of the relay's CPU time with ten CloudEvents headers per message (docs/benchmarks.md). It has no hook
 * for an encoder, but it looks its Produce request up per send from a shared table, so the encoding
 * step of that one request is replaced here by produce-request.ts, which writes the same bytes in one
 * buffer. Everything else (connections, metadata, the idempotent producer's ids and sequence numbers,
 * retries, the broker's response) stays kafkajs'. Requests the fast path does not cover (compression,
 * timestamps, other value types) keep kafkajs' own encoder.
 */

interface KafkaLong { getHighBits(): number; getLowBits(): number }
interface ProduceArgs {
  acks: number; timeout: number; compression?: number; topicData: ProduceTopic[];
  transactionalId?: string | null; producerId?: unknown; producerEpoch?: number;
}
interface ProtocolRequest { encode: () => Promise<unknown> }
type ProduceProtocol = (args: ProduceArgs) => { request: ProtocolRequest; response: unknown };
interface ProduceDefinition { versions: string[]; protocol: (v: { version: number }) => ProduceProtocol }

const KAFKAJS_VERSION = '2.2.4';
/** Produce versions whose body this encoder writes (3 added the transactional id; 4 to 7 change only the response or the codecs allowed). */
const FIRST_VERSION = 3;
const LAST_VERSION = 7;

let original: ProduceDefinition['protocol'] | null = null;

function internals(): { produce: ProduceDefinition; Encoder: new (size?: number) => { buf: Buffer; offset: number }; Long: { fromValue(v: unknown): KafkaLong } } | null {
  const version = (require('kafkajs/package.json') as { version: string }).version;
  if (version !== KAFKAJS_VERSION) return null;
  return {
    produce: require('kafkajs/src/protocol/requests/produce') as ProduceDefinition,
    Encoder: require('kafkajs/src/protocol/encoder'),
    Long: require('kafkajs/src/utils/long'),
  };
}

/**
 * Installs the fast Produce encoding into kafkajs (once; every producer of the process uses it).
 * Returns false, changing nothing, when kafkajs is not the version whose bytes it reproduces.
 */
export function installFastProduceEncoding(): boolean {
  if (original) return true;
  const found = internals();
  if (!found) return false;
  const { produce, Encoder, Long } = found;
  const kafkajsProtocol = produce.protocol;
  original = kafkajsProtocol;
  produce.protocol = ({ version }) => {
    const make = kafkajsProtocol({ version });
    if (version < FIRST_VERSION || version > LAST_VERSION) return make;
    return (args) => {
      const built = make(args);
      if ((args.compression ?? 0) !== 0 || !encodable(args.topicData)) return built;
      const encode = async () => {
        const id = Long.fromValue(args.producerId ?? -1);
        const body = encodeProduceRequest({
          transactionalId: args.transactionalId ?? null, acks: args.acks, timeout: args.timeout,
          producerId: { high: id.getHighBits(), low: id.getLowBits() }, producerEpoch: args.producerEpoch ?? 0, topicData: args.topicData,
        }, Date.now());
        // kafkajs frames the body from an encoder of its own: hand it one that holds these bytes.
        const encoder = new Encoder(0);
        encoder.buf = body;
        encoder.offset = body.length;
        return encoder;
      };
      return { request: { ...built.request, encode }, response: built.response };
    };
  };
  return true;
}

/** Puts kafkajs' own Produce encoding back (for baselines and comparisons). */
export function uninstallFastProduceEncoding(): void {
  if (!original) return;
  const found = internals();
  if (found) found.produce.protocol = original;
  original = null;
}
