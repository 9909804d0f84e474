import { crc32c } from './crc32c';

/**
 * The body of a Kafka Produce request (versions 3 to 7, which share it), record batches of magic 2,
 * uncompressed, written into one buffer: what kafkajs 2.2.4 writes byte for byte
 * (produce-request.spec.ts compares them), without its allocation of a 512-byte encoder per record and
 * per header (11 per relay message) and its copies. Only the shapes the relay sends take this path:
 * string or Buffer keys and values (null values), string or Buffer header values (or arrays of them),
 * no per-message timestamps; `encodable` says whether a request qualifies.
 */

export type Bytes = string | Buffer;
export interface ProduceMessage {
  readonly key?: Bytes | null;
  readonly value: Bytes | null;
  readonly headers?: Readonly<Record<string, Bytes | readonly Bytes[]>>;
  readonly timestamp?: unknown;
}
export interface ProducePartition { readonly partition: number; readonly firstSequence?: number; readonly messages: readonly ProduceMessage[] }
export interface ProduceTopic { readonly topic: string; readonly partitions: readonly ProducePartition[] }
export interface ProduceRequest {
  readonly transactionalId: string | null;
  readonly acks: number;
  readonly timeout: number;
  /** Signed 64-bit, as high and low 32 bits. */
  readonly producerId: { readonly high: number; readonly low: number };
  readonly producerEpoch: number;
  readonly topicData: readonly ProduceTopic[];
}

const MAGIC = 2;
const TRANSACTIONAL = 16;
/** Batch fields after the length: leader epoch (4), magic (1), crc (4), attributes (2), last offset delta (4), timestamps (16), producer id (8), epoch (2), base sequence (4), count (4). */
const BATCH_AFTER_LENGTH = 49;

function isBytes(v: unknown): v is Bytes {
  return typeof v === 'string' || Buffer.isBuffer(v);
}

/** True when every message has a shape this encoder writes exactly as kafkajs would. */
export function encodable(topicData: readonly ProduceTopic[]): boolean {
  for (const t of topicData) {
    for (const p of t.partitions) {
      for (const m of p.messages) {
        if (m.timestamp != null || !(m.key == null || isBytes(m.key)) || !(m.value === null || isBytes(m.value))) return false;
        const headers = m.headers;
        if (headers === undefined) continue;
        for (const name in headers) {
          const v = headers[name];
          if (!(isBytes(v) || (Array.isArray(v) && v.every(isBytes)))) return false;
        }
      }
    }
  }
  return true;
}

function varIntSize(value: number): number {
  let v = ((value << 1) ^ (value >> 31)) >>> 0;
  let bytes = 1;
  while (v >= 0x80) { v >>>= 7; bytes += 1; }
  return bytes;
}

/** Strings up to this length are measured and (when ASCII) written in JavaScript: cheaper than a call into the runtime. */
const SHORT = 64;

/** UTF-8 length of a string, as Buffer.byteLength counts it (a lone surrogate becomes U+FFFD, 3 bytes). */
function utf8Length(s: string): number {
  const n = s.length;
  if (n > SHORT) return Buffer.byteLength(s);
  let bytes = n;
  for (let i = 0; i < n; i += 1) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 2; i += 1; } else bytes += 2;
  }
  return bytes;
}

const byteLength = (v: Bytes): number => (typeof v === 'string' ? utf8Length(v) : v.length);
/** A length-prefixed byte field (null: length -1). */
const bytesSize = (v: Bytes | null | undefined): number => {
  if (v == null) return 1;
  const n = byteLength(v);
  return varIntSize(n) + n;
};

/** Size of a record's body (after its own length varint). */
function recordBodySize(m: ProduceMessage, offsetDelta: number): number {
  // attributes (1), timestamp delta 0 (1)
  let size = 2 + varIntSize(offsetDelta) + bytesSize(m.key) + bytesSize(m.value);
  let count = 0;
  const headers = m.headers;
  if (headers !== undefined) {
    for (const name in headers) {
      const v = headers[name];
      const values = typeof v === 'string' || Buffer.isBuffer(v) ? null : v as readonly Bytes[];
      const keySize = bytesSize(name);
      if (values === null) { size += keySize + bytesSize(v as Bytes); count += 1; } else {
        for (const one of values) size += keySize + bytesSize(one);
        count += values.length;
      }
    }
  }
  return size + varIntSize(count);
}

class Writer {
  offset = 0;
  constructor(readonly buf: Buffer) {}

  int8(v: number): void { this.buf[this.offset] = v & 0xff; this.offset += 1; }
  int16(v: number): void { this.buf.writeInt16BE(v, this.offset); this.offset += 2; }
  int32(v: number): void { this.buf.writeInt32BE(v, this.offset); this.offset += 4; }
  uint32(v: number): void { this.buf.writeUInt32BE(v, this.offset); this.offset += 4; }
  int64(high: number, low: number): void { this.int32(high); this.int32(low); }
  /** A 64-bit integer from a safe JavaScript number. */
  int64n(v: number): void { this.int64(Math.floor(v / 0x100000000) | 0, v % 0x100000000 | 0); }

  varInt(value: number): void {
    let v = ((value << 1) ^ (value >> 31)) >>> 0;
    const buf = this.buf;
    while (v >= 0x80) { buf[this.offset++] = (v & 0x7f) | 0x80; v >>>= 7; }
    buf[this.offset++] = v;
  }

  bytes(v: Bytes | null | undefined): void {
    if (v == null) { this.varInt(-1); return; }
    if (typeof v === 'string') {
      const n = utf8Length(v);
      this.varInt(n);
      if (n === v.length && n <= SHORT) {
        // ASCII (as many bytes as characters)
        const buf = this.buf;
        let at = this.offset;
        for (let i = 0; i < n; i += 1) buf[at++] = v.charCodeAt(i);
        this.offset = at;
      } else this.offset += this.buf.write(v, this.offset, n, 'utf8');
    } else {
      this.varInt(v.length);
      this.offset += v.copy(this.buf, this.offset);
    }
  }

  string(v: string | null): void {
    if (v === null) { this.int16(-1); return; }
    const n = Buffer.byteLength(v);
    this.int16(n);
    this.offset += this.buf.write(v, this.offset, n, 'utf8');
  }

  record(m: ProduceMessage, offsetDelta: number, bodySize: number): void {
    this.varInt(bodySize);
    this.int8(0); // attributes
    this.varInt(0); // timestamp delta: every record has the batch's timestamp
    this.varInt(offsetDelta);
    this.bytes(m.key);
    this.bytes(m.value);
    const headers = m.headers;
    if (headers === undefined) { this.varInt(0); return; }
    let count = 0;
    for (const name in headers) { const v = headers[name]; count += isBytes(v) ? 1 : (v as readonly Bytes[]).length; }
    this.varInt(count);
    for (const name in headers) {
      const v = headers[name];
      if (isBytes(v)) { this.bytes(name); this.bytes(v); } else {
        for (const one of v as readonly Bytes[]) { this.bytes(name); this.bytes(one); }
      }
    }
  }
}

/** Sizes of each partition's record batch and of its records' bodies. */
function measure(request: ProduceRequest): { total: number; batches: number[]; bodies: number[][] } {
  let total = 2 + (request.transactionalId === null ? 0 : Buffer.byteLength(request.transactionalId)) + 2 + 4 + 4;
  const batches: number[] = [];
  const bodies: number[][] = [];
  for (const t of request.topicData) {
    total += 2 + Buffer.byteLength(t.topic) + 4;
    for (const p of t.partitions) {
      const sizes = p.messages.map((m, i) => recordBodySize(m, i));
      let batch = 8 + 4 + BATCH_AFTER_LENGTH;
      for (const s of sizes) batch += varIntSize(s) + s;
      batches.push(batch);
      bodies.push(sizes);
      total += 4 + 4 + batch;
    }
  }
  return { total, batches, bodies };
}

/** The request body; `now` is the batches' timestamp (ms). */
export function encodeProduceRequest(request: ProduceRequest, now: number): Buffer {
  const { total, batches, bodies } = measure(request);
  const w = new Writer(Buffer.allocUnsafe(total));
  w.string(request.transactionalId);
  w.int16(request.acks);
  w.int32(request.timeout);
  w.int32(request.topicData.length);
  let index = 0;
  for (const t of request.topicData) {
    w.string(t.topic);
    w.int32(t.partitions.length);
    for (const p of t.partitions) {
      const sizes = bodies[index];
      w.int32(p.partition);
      w.int32(batches[index]);
      index += 1;
      w.int64(0, 0); // base offset
      w.int32(batches[index - 1] - 12); // batch length: everything after this field
      w.int32(0); // partition leader epoch
      w.int8(MAGIC);
      const crcAt = w.offset;
      w.offset += 4;
      w.int16(request.transactionalId === null ? 0 : TRANSACTIONAL);
      w.int32(p.messages.length - 1);
      w.int64n(now);
      w.int64n(now);
      w.int64(request.producerId.high, request.producerId.low);
      w.int16(request.producerEpoch);
      w.int32(p.firstSequence ?? 0);
      w.int32(p.messages.length);
      p.messages.forEach((m, i) => w.record(m, i, sizes[i]));
      w.buf.writeUInt32BE(crc32c(w.buf, crcAt + 4, w.offset), crcAt);
    }
  }
  if (w.offset !== total) throw new Error(`produce request size mismatch: wrote ${w.offset} of ${total} bytes`);
  return w.buf;
}
