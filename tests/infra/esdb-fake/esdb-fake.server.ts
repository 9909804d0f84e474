import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import * as grpc from '@grpc/grpc-js';
import { ServerFeaturesService } from '@eventstore/db-client/generated/serverfeatures_grpc_pb';
import { SupportedMethod, SupportedMethods } from '@eventstore/db-client/generated/serverfeatures_pb';
import { Empty, StreamIdentifier, UUID } from '@eventstore/db-client/generated/shared_pb';
import { StreamsService } from '@eventstore/db-client/generated/streams_grpc_pb';
import { AppendReq, AppendResp, ReadReq, ReadResp } from '@eventstore/db-client/generated/streams_pb';

/**
 * A protocol-faithful EventStoreDB test server: the real gRPC service definitions the client ships,
 * served by @grpc/grpc-js, with the semantics of a single EventStoreDB 23.10+ node for the calls
 * civic-ledger's adapter makes:
 *
 * - Streams.Append: expected revision (any / no_stream / stream_exists / exact); revisions start at 0;
 *   a refused append answers WrongExpectedVersion carrying the actual revision; a retried append of the
 *   same event ids at the same expected revision is idempotent (answers the original result).
 * - Streams.Read: a stream forwards/backwards from start/end/revision with a count ("stream not
 *   found" for a missing stream); `$all` forwards/backwards from start/end/position (inclusive
 *   forwards, exclusive backwards); `$all` subscriptions from start/end/position (exclusive) with
 *   stream-name or event-type filters (prefix or regex): confirmation, history, caught-up, then live.
 * - ServerFeatures.GetSupportedMethods: Streams.Read and Streams.Append (no BatchAppend, so the client
 *   uses the plain Append call).
 *
 * Like the real server, `$all` also holds system events (`$`-prefixed types and streams), log positions
 * are byte offsets that grow with record size (commit = prepare: no explicit transactions over gRPC),
 * and stream reads carry the event's `$all` position.
 *
 * It is test code, small and in memory. stop() and start() keep the data, so tests can take the
 * "server" away and bring it back on the same port.
 */

interface StoredRecord {
  readonly id: string;
  readonly streamId: string;
  readonly revision: number;
  readonly position: number;
  readonly type: string;
  readonly contentType: string;
  readonly created: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

type Expected = { kind: 'any' } | { kind: 'no_stream' } | { kind: 'stream_exists' } | { kind: 'revision'; revision: number };

const RECORD_OVERHEAD_BYTES = 88;

export class EsdbFakeServer {
  private readonly log: StoredRecord[] = [];
  private readonly streams = new Map<string, StoredRecord[]>();
  private readonly appended = new EventEmitter();
  private server: grpc.Server | null = null;
  private nextPosition = 0;
  private boundPort = 0;
  /** Counts of calls served, by method, for tests that check how the adapter talks to the server. */
  readonly calls = { append: 0, read: 0, subscribe: 0 };

  constructor() {
    this.appended.setMaxListeners(0);
    // A fresh node's log starts with system records, as a real one does.
    this.write('$users', [systemRecord('$User', { loginName: 'admin' })]);
    this.write('$settings', [systemRecord('$settings', { $userStreamAcl: {} })]);
  }

  get port(): number {
    return this.boundPort;
  }

  /** Connection string for the client: a single insecure node. */
  get url(): string {
    return `esdb://127.0.0.1:${this.boundPort}?tls=false`;
  }

  async start(port = this.boundPort): Promise<void> {
    const server = new grpc.Server();
    server.addService(StreamsService, {
      read: (call: grpc.ServerWritableStream<ReadReq, ReadResp>) => this.read(call),
      append: (call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>) => this.append(call, callback),
      delete: unimplemented, tombstone: unimplemented, batchAppend: unimplemented,
    } as unknown as grpc.UntypedServiceImplementation);
    server.addService(ServerFeaturesService, {
      getSupportedMethods: (_call: unknown, callback: grpc.sendUnaryData<SupportedMethods>) => callback(null, supportedMethods()),
    } as unknown as grpc.UntypedServiceImplementation);
    this.boundPort = await new Promise<number>((resolve, reject) => {
      server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound)));
    });
    this.server = server;
  }

  /** Takes the server off the network at once (open calls fail as on a crash); the data stays. */
  async stop(): Promise<void> {
    this.server?.forceShutdown();
    this.server = null;
    this.appended.emit('stopped');
  }

  /** Appends events to a system stream, as the server itself does (stats, settings). */
  writeSystemEvent(streamId: string, type: string): void {
    this.write(streamId, [systemRecord(type, {})]);
  }

  private write(streamId: string, proposed: readonly Proposed[]): StoredRecord[] {
    const stream = this.streams.get(streamId) ?? [];
    const created = (BigInt(Date.now()) * 10_000n).toString();
    const records = proposed.map((p, i): StoredRecord => {
      const record = { ...p, streamId, revision: stream.length + i, position: this.nextPosition, created };
      this.nextPosition += RECORD_OVERHEAD_BYTES + streamId.length + p.data.length + p.customMetadata.length;
      return record;
    });
    stream.push(...records);
    this.streams.set(streamId, stream);
    this.log.push(...records);
    this.appended.emit('appended');
    return records;
  }

  private append(call: grpc.ServerReadableStream<AppendReq, AppendResp>, callback: grpc.sendUnaryData<AppendResp>): void {
    this.calls.append += 1;
    let streamId: string | null = null;
    let expected: Expected = { kind: 'any' };
    const proposed: Proposed[] = [];
    let failed = false;
    const fail = (code: grpc.status, details: string) => {
      if (failed) return;
      failed = true;
      callback({ code, details, name: 'Error', message: details });
    };
    call.on('data', (req: AppendReq) => {
      if (req.hasOptions()) {
        const options = req.getOptions() as AppendReq.Options;
        streamId = streamName(options.getStreamIdentifier());
        if (options.hasRevision()) expected = { kind: 'revision', revision: Number(options.getRevision()) };
        else if (options.hasNoStream()) expected = { kind: 'no_stream' };
        else if (options.hasStreamExists()) expected = { kind: 'stream_exists' };
        return;
      }
      const message = req.getProposedMessage();
      if (!message) return;
      const id = uuidOf(message.getId());
      const type = message.getMetadataMap().get('type');
      const contentType = message.getMetadataMap().get('content-type');
      if (!id || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return fail(grpc.status.INVALID_ARGUMENT, 'Event id must be a UUID.');
      if (!type) return fail(grpc.status.INVALID_ARGUMENT, "Required metadata property 'type' is missing");
      if (!contentType) return fail(grpc.status.INVALID_ARGUMENT, "Required metadata property 'content-type' is missing");
      proposed.push({ id: id.toLowerCase(), type, contentType, data: message.getData_asU8(), customMetadata: message.getCustomMetadata_asU8() });
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failed) return;
      if (!streamId) return fail(grpc.status.INVALID_ARGUMENT, 'Append options must come first.');
      if (streamId.startsWith('$$')) return fail(grpc.status.UNIMPLEMENTED, 'Stream metadata is not part of this test server.');
      callback(null, this.commit(streamId, expected, proposed));
    });
  }

  private commit(streamId: string, expected: Expected, proposed: readonly Proposed[]): AppendResp {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length - 1;
    const accepted =
      expected.kind === 'any' ||
      (expected.kind === 'no_stream' && current === -1) ||
      (expected.kind === 'stream_exists' && current >= 0) ||
      (expected.kind === 'revision' && expected.revision === current);
    const resp = new AppendResp();
    if (!accepted) {
      const replay = idempotentReplay(stream, expected, proposed);
      if (replay) {
        resp.setSuccess(success(replay));
        return resp;
      }
      resp.setWrongExpectedVersion(wrongExpectedVersion(current, expected));
      return resp;
    }
    if (proposed.length === 0) {
      const s = new AppendResp.Success();
      if (current === -1) s.setNoStream(new Empty());
      else s.setCurrentRevision(String(current));
      s.setNoPosition(new Empty());
      resp.setSuccess(s);
      return resp;
    }
    const written = this.write(streamId, proposed);
    resp.setSuccess(success(written[written.length - 1]));
    return resp;
  }

  private read(call: grpc.ServerWritableStream<ReadReq, ReadResp>): void {
    const options = call.request.getOptions();
    if (!options) return failCall(call, grpc.status.INVALID_ARGUMENT, 'Read options are required.');
    const backwards = options.getReadDirection() === ReadReq.Options.ReadDirection.BACKWARDS;
    const filter = toFilter(options);
    if (options.hasSubscription()) {
      this.calls.subscribe += 1;
      const all = options.getAll();
      if (!all) return failCall(call, grpc.status.UNIMPLEMENTED, 'This test server subscribes to $all only.');
      return this.subscribe(call, all, filter);
    }
    this.calls.read += 1;
    const count = Number(options.getCount() || '0');
    if (options.hasStream()) {
      const streamOptions = options.getStream() as ReadReq.Options.StreamOptions;
      const name = streamName(streamOptions.getStreamIdentifier());
      const stream = this.streams.get(name);
      if (!stream || stream.length === 0) {
        const resp = new ReadResp();
        const notFound = new ReadResp.StreamNotFound();
        notFound.setStreamIdentifier(identifier(name));
        resp.setStreamNotFound(notFound);
        call.write(resp);
        call.end();
        return;
      }
      const from = streamOptions.hasRevision() ? Number(streamOptions.getRevision()) : streamOptions.hasStart() ? 0 : stream.length - 1;
      const selected = backwards
        ? stream.filter((r) => r.revision <= from).reverse()
        : stream.filter((r) => r.revision >= from);
      return void this.writeAll(call, selected.slice(0, count), false);
    }
    const allOptions = options.getAll() as ReadReq.Options.AllOptions;
    const at = allOptions.hasPosition() ? Number((allOptions.getPosition() as ReadReq.Options.Position).getCommitPosition()) : null;
    let selected: StoredRecord[];
    if (backwards) {
      const before = allOptions.hasStart() ? 0 : at ?? Number.POSITIVE_INFINITY;
      selected = this.log.filter((r) => r.position < before).reverse();
    } else {
      const after = allOptions.hasEnd() ? Number.POSITIVE_INFINITY : at ?? 0;
      selected = this.log.filter((r) => r.position >= after);
    }
    return void this.writeAll(call, selected.filter(filter).slice(0, count), true);
  }

  private async writeAll(call: grpc.ServerWritableStream<ReadReq, ReadResp>, records: readonly StoredRecord[], fromAll: boolean): Promise<void> {
    for (const record of records) {
      if (call.cancelled || call.destroyed) return;
      if (!call.write(eventResp(record, fromAll))) await new Promise((resolve) => call.once('drain', resolve));
    }
    call.end();
  }

  private subscribe(call: grpc.ServerWritableStream<ReadReq, ReadResp>, all: ReadReq.Options.AllOptions, filter: (r: StoredRecord) => boolean): void {
    const confirmation = new ReadResp();
    const confirmed = new ReadResp.SubscriptionConfirmation();
    confirmed.setSubscriptionId(randomUUID());
    confirmation.setConfirmation(confirmed);
    call.write(confirmation);
    // Exclusive start: a subscription from a position delivers the events after it.
    let cursor = all.hasEnd() ? this.log.length
      : all.hasPosition() ? upperBound(this.log, Number((all.getPosition() as ReadReq.Options.Position).getCommitPosition()))
        : 0;
    let caughtUp = false;
    let pumping = false;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      this.appended.off('appended', pump);
      this.appended.off('stopped', onStop);
    };
    const onStop = () => {
      end();
      failCall(call, grpc.status.UNAVAILABLE, 'Server is shutting down.');
    };
    const pump = async () => {
      if (pumping || ended) return;
      pumping = true;
      try {
        while (!ended && cursor < this.log.length) {
          const record = this.log[cursor];
          cursor += 1;
          if (!filter(record)) continue;
          if (!call.write(eventResp(record, true))) await new Promise((resolve) => call.once('drain', resolve));
        }
        if (!caughtUp && !ended) {
          caughtUp = true;
          const resp = new ReadResp();
          resp.setCaughtUp(new ReadResp.CaughtUp());
          call.write(resp);
        }
      } finally {
        pumping = false;
      }
      if (!ended && cursor < this.log.length) void pump();
    };
    call.on('cancelled', end);
    call.on('close', end);
    call.on('error', end);
    this.appended.on('appended', pump);
    this.appended.on('stopped', onStop);
    void pump();
  }
}

interface Proposed {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly customMetadata: Uint8Array;
}

function systemRecord(type: string, data: object): Proposed {
  return { id: randomUUID(), type, contentType: 'application/json', data: Buffer.from(JSON.stringify(data)), customMetadata: new Uint8Array() };
}

/** Index of the first record whose position is greater than `position`. */
function upperBound(log: readonly StoredRecord[], position: number): number {
  let lo = 0;
  let hi = log.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (log[mid].position <= position) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** ESDB: a retried append whose event ids are exactly the events after the expected revision succeeds without writing. */
function idempotentReplay(stream: readonly StoredRecord[], expected: Expected, proposed: readonly Proposed[]): StoredRecord | null {
  if (proposed.length === 0) return null;
  let start: number;
  if (expected.kind === 'revision') start = expected.revision + 1;
  else if (expected.kind === 'no_stream') start = 0;
  else return null;
  const slice = stream.slice(start, start + proposed.length);
  if (slice.length !== proposed.length || slice.some((r, i) => r.id !== proposed[i].id)) return null;
  return slice[slice.length - 1];
}

function success(last: StoredRecord): AppendResp.Success {
  const s = new AppendResp.Success();
  s.setCurrentRevision(String(last.revision));
  const position = new AppendResp.Position();
  position.setCommitPosition(String(last.position));
  position.setPreparePosition(String(last.position));
  s.setPosition(position);
  return s;
}

function wrongExpectedVersion(current: number, expected: Expected): AppendResp.WrongExpectedVersion {
  const w = new AppendResp.WrongExpectedVersion();
  if (current === -1) {
    w.setCurrentNoStream(new Empty());
    w.setNoStream2060(new Empty());
  } else {
    w.setCurrentRevision(String(current));
    w.setCurrentRevision2060(current);
  }
  switch (expected.kind) {
    case 'revision':
      w.setExpectedRevision(String(expected.revision));
      w.setExpectedRevision2060(expected.revision);
      break;
    case 'no_stream':
      w.setExpectedNoStream(new Empty());
      break;
    case 'stream_exists':
      w.setExpectedStreamExists(new Empty());
      w.setStreamExists2060(new Empty());
      break;
    default:
      w.setExpectedAny(new Empty());
      w.setAny2060(new Empty());
  }
  return w;
}

function eventResp(record: StoredRecord, fromAll: boolean): ReadResp {
  const recorded = new ReadResp.ReadEvent.RecordedEvent();
  const id = new UUID();
  id.setString(record.id);
  recorded.setId(id);
  recorded.setStreamIdentifier(identifier(record.streamId));
  recorded.setStreamRevision(String(record.revision));
  recorded.setCommitPosition(String(record.position));
  recorded.setPreparePosition(String(record.position));
  const metadata = recorded.getMetadataMap();
  metadata.set('type', record.type);
  metadata.set('content-type', record.contentType);
  metadata.set('created', record.created);
  recorded.setData(record.data);
  recorded.setCustomMetadata(record.customMetadata);
  const event = new ReadResp.ReadEvent();
  event.setEvent(recorded);
  if (fromAll) event.setCommitPosition(String(record.position));
  else event.setNoPosition(new Empty());
  const resp = new ReadResp();
  resp.setEvent(event);
  return resp;
}

function toFilter(options: ReadReq.Options): (record: StoredRecord) => boolean {
  if (!options.hasFilter()) return () => true;
  const filter = options.getFilter() as ReadReq.Options.FilterOptions;
  const onStream = filter.hasStreamIdentifier();
  const expression = (onStream ? filter.getStreamIdentifier() : filter.getEventType()) as ReadReq.Options.FilterOptions.Expression;
  const prefixes = expression.getPrefixList();
  const regex = expression.getRegex() ? new RegExp(expression.getRegex()) : null;
  return (record) => {
    const subject = onStream ? record.streamId : record.type;
    if (prefixes.length > 0) return prefixes.some((p) => subject.startsWith(p));
    return regex ? regex.test(subject) : true;
  };
}

function streamName(id: StreamIdentifier | undefined): string {
  return id ? Buffer.from(id.getStreamName_asU8()).toString('utf8') : '';
}

function identifier(name: string): StreamIdentifier {
  const id = new StreamIdentifier();
  id.setStreamName(Buffer.from(name, 'utf8'));
  return id;
}

function uuidOf(id: UUID | undefined): string | null {
  if (!id) return null;
  if (id.hasString()) return id.getString();
  const structured = id.getStructured();
  if (!structured) return null;
  const buffer = Buffer.alloc(16);
  buffer.writeBigInt64BE(BigInt(structured.getMostSignificantBits()), 0);
  buffer.writeBigInt64BE(BigInt(structured.getLeastSignificantBits()), 8);
  const hex = buffer.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function supportedMethods(): SupportedMethods {
  const methods = ['read', 'append'].map((name) => {
    const method = new SupportedMethod();
    method.setServiceName('event_store.client.streams.streams');
    method.setMethodName(name);
    method.setFeaturesList(name === 'read' ? ['all', 'position'] : []);
    return method;
  });
  const result = new SupportedMethods();
  result.setMethodsList(methods);
  result.setEventStoreServerVersion('23.10.0-civic-ledger-test');
  return result;
}

/** Ends a server-streaming call with a gRPC status, as the real server does for a refused read. */
function failCall(call: grpc.ServerWritableStream<ReadReq, ReadResp>, code: grpc.status, details: string): void {
  call.emit('error', statusError(code, details));
}

function statusError(code: grpc.status, details: string): grpc.ServiceError {
  return Object.assign(new Error(details), { code, details, metadata: new grpc.Metadata() });
}

function unimplemented(_call: unknown, callback?: grpc.sendUnaryData<unknown>): void {
  const error = statusError(grpc.status.UNIMPLEMENTED, 'Not part of this test server.');
  if (callback) callback(error);
}
