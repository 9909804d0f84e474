import {
  BACKWARDS, END, EventStoreDBClient, excludeSystemEvents, FORWARDS, isCommandError, jsonEvent, NO_STREAM, ErrorType,
  ResolvedEvent, START, StreamNotFoundError, WrongExpectedVersionError, type Position,
} from '@eventstore/db-client';
import { EventStoreUnavailable, StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  StreamMetadata, SubscribeAllOptions, Subscription,
} from '../event-store.port';
import { checkExpected } from '../expected-revision';
import { eventHash, GENESIS_HASH } from '../hash-chain';
import { EsdbSubscription } from './esdb.subscription';
import { fromResolved, isSystemEvent, toEsdbMetadata } from './esdb.envelope';

export interface EsdbEventStoreOptions {
  /** System clock for recordedAt; injectable for tests. */
  readonly clock?: () => Date;
  /** Attempts for an append whose caller accepts any revision ('any', 'stream_exists') when another writer got in first. */
  readonly maxAppendAttempts?: number;
}

const READ_ALL_PAGE = 1000;
/** Stream heads remembered from this process's own appends and reads (saves a round trip per append). */
const HEAD_CACHE_SIZE = 10_000;

/**
 * The EventStore port on EventStoreDB / KurrentDB (gRPC, `@eventstore/db-client`).
 *
 * - Envelope: event data is the domain payload (JSON); custom metadata carries occurredAt, recordedAt,
 *   actor, `$correlationId`/`$causationId` (EventStoreDB's own names, so its projections follow them),
 *   schema version, idempotency key and the hash-chain link.
 * - Hash chain: each append reads the stream's last event (revision and hash) and appends with that exact
 *   expected revision, so a concurrent writer can never break the chain: the loser is told
 *   WrongExpectedRevision with the actual revision (or, when the caller asked for 'any', retries).
 * - Positions: the `$all` commit position. Stream reads carry it from EventStoreDB 22.10 on; the adapter
 *   refuses to run on a server that does not send it rather than inventing an order.
 * - Idempotency: a retried append whose event ids are already the events after the expected revision
 *   answers the original result with `idempotent: true` (EventStoreDB's own rule). Event ids are unique
 *   per stream, not across streams (EventStoreDB does not index them globally).
 * - Connection: the client reconnects by itself on the next call after the node goes away. While it is
 *   away calls fail with EventStoreUnavailable (HTTP 503) and subscriptions end with it, so the
 *   checkpointed consumers resubscribe from their stored position with backoff.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly heads = new Map<string, { revision: number; hash: string }>();

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.client = EventStoreDBClient.connectionString(connectionString);
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAppendAttempts ?? 50;
  }

  async append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (events.length === 0) throw new Error('Nothing to append.');
    for (let attempt = 1; ; attempt += 1) {
      // A remembered head is only a guess, and so is "no stream yet": the append below is conditional
      // on it, so a wrong guess costs a refused append and a fresh read, never a forked chain.
      const pinned = typeof expectedRevision === 'number' ? expectedRevision : expectedRevision === 'no_stream' ? -1 : null;
      const cached = this.heads.get(streamId);
      let head: { revision: number; hash: string } | null;
      if (cached && (pinned === null || cached.revision === pinned)) head = cached;
      else if (!cached && pinned === -1) head = null;
      else head = await this.lastEvent(streamId);
      const actual = head ? head.revision : -1;
      if (pinned !== null && actual !== pinned) {
        const replay = await this.replayOf(streamId, pinned, events);
        if (replay) return replay;
      }
      checkExpected(streamId, expectedRevision, actual);
      const recordedAt = this.clock().toISOString();
      let prevHash = head ? head.hash : GENESIS_HASH;
      const proposed = events.map((event, i) => {
        const revision = actual + 1 + i;
        const hash = eventHash({ ...event, streamId, revision, recordedAt, prevHash });
        const metadata = toEsdbMetadata(event, recordedAt, prevHash, hash);
        prevHash = hash;
        return jsonEvent({ id: event.id, type: event.type, data: event.data, metadata });
      });
      try {
        const result = await this.client.appendToStream(streamId, proposed, { expectedRevision: actual === -1 ? NO_STREAM : BigInt(actual) });
        this.remember(streamId, Number(result.nextExpectedRevision), prevHash);
        return { nextExpectedRevision: Number(result.nextExpectedRevision), position: commitPosition(result.position), idempotent: false };
      } catch (error) {
        this.heads.delete(streamId);
        if (!(error instanceof WrongExpectedVersionError)) throw mapError(error);
        const current = typeof error.actualVersion === 'bigint' ? Number(error.actualVersion) : -1;
        if (pinned !== null) {
          const replay = await this.replayOf(streamId, pinned, events);
          if (replay) return replay;
          throw new WrongExpectedRevision(streamId, expectedRevision, current);
        }
        if (attempt >= this.maxAttempts) throw new WrongExpectedRevision(streamId, expectedRevision, current);
        // Another writer got in first; step aside for a moment so that busy streams do not livelock.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
      }
    }
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const fromRevision = options.fromRevision !== undefined ? BigInt(options.fromRevision) : backwards ? END : START;
    const out: RecordedEvent[] = [];
    try {
      const reading = this.client.readStream(streamId, {
        direction: backwards ? BACKWARDS : FORWARDS, fromRevision, maxCount: options.limit ?? Number.MAX_SAFE_INTEGER,
      });
      for await (const resolved of reading) out.push(fromResolved(resolved));
    } catch (error) {
      if (error instanceof StreamNotFoundError) throw new StreamNotFound(streamId);
      throw mapError(error);
    }
    return out;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const after = options.fromPosition ?? 0;
    const limit = options.limit ?? 1000;
    const out: RecordedEvent[] = [];
    let last = after;
    while (out.length < limit) {
      // A read from a position includes the event at it (our positions are exclusive): ask for one more.
      const page = Math.min(READ_ALL_PAGE, limit - out.length + 1);
      const records = await this.readAllPage(last > 0 ? at(last) : START, page, FORWARDS);
      for (const resolved of records) {
        const position = resolvedPosition(resolved);
        if (position <= last) continue;
        last = position;
        if (!isSystemEvent(resolved) && out.length < limit) out.push(fromResolved(resolved));
      }
      if (records.length < page) break;
    }
    return out;
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    const from = options.fromPosition ?? 0;
    const subscription = this.client.subscribeToAll({ fromPosition: from > 0 ? at(from) : START, filter: excludeSystemEvents() });
    return new EsdbSubscription(subscription, from, options.filter, mapError);
  }

  async streamMetadata(streamId: string): Promise<StreamMetadata | null> {
    const last = await this.lastEvent(streamId);
    return last ? { streamId, revision: last.revision, lastHash: last.hash } : null;
  }

  async headPosition(): Promise<number> {
    let from: Position | typeof END = END;
    for (;;) {
      const records = await this.readAllPage(from, 64, BACKWARDS);
      const newest = records.find((r) => !isSystemEvent(r));
      if (newest) return resolvedPosition(newest);
      if (records.length < 64) return 0;
      from = at(resolvedPosition(records[records.length - 1]));
    }
  }

  async close(): Promise<void> {
    await this.client.dispose();
  }

  private remember(streamId: string, revision: number, hash: string): void {
    this.heads.delete(streamId);
    this.heads.set(streamId, { revision, hash });
    if (this.heads.size > HEAD_CACHE_SIZE) this.heads.delete(this.heads.keys().next().value as string);
  }

  /** One page of `$all`, read to its end (stopping early would leave the call open until dispose). */
  private async readAllPage(fromPosition: Position | typeof START | typeof END, maxCount: number, direction: typeof FORWARDS | typeof BACKWARDS): Promise<ResolvedEvent[]> {
    const records: ResolvedEvent[] = [];
    try {
      for await (const resolved of this.client.readAll({ fromPosition, maxCount, direction })) records.push(resolved);
    } catch (error) {
      throw mapError(error);
    }
    return records;
  }

  private async lastEvent(streamId: string): Promise<RecordedEvent | null> {
    try {
      const [last] = await this.readStream(streamId, { direction: 'backwards', limit: 1 });
      if (last) this.remember(streamId, last.revision, last.hash);
      return last ?? null;
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
  }

  /** The earlier result when `events` are exactly the events after revision `after` (a retried append). */
  private async replayOf(streamId: string, after: number, events: readonly NewEvent[]): Promise<AppendResult | null> {
    let stored: RecordedEvent[];
    try {
      stored = await this.readStream(streamId, { fromRevision: after + 1, limit: events.length });
    } catch (error) {
      if (error instanceof StreamNotFound) return null;
      throw error;
    }
    if (stored.length !== events.length || stored.some((e, i) => e.id !== events[i].id)) return null;
    const last = stored[stored.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
  }
}

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function at(position: number): Position {
  return { commit: BigInt(position), prepare: BigInt(position) };
}

function commitPosition(position: Position | undefined): number {
  if (!position) throw new EventStoreUnavailable('EventStoreDB did not return a log position for the append.');
  return Number(position.commit);
}

function resolvedPosition(resolved: ResolvedEvent): number {
  return commitPosition(resolved.event?.position);
}

/** Vendor errors to ours: the node being away is EventStoreUnavailable; everything else is passed on. */
export function mapError(error: unknown): unknown {
  if (error instanceof EventStoreUnavailable || error instanceof StreamNotFound || error instanceof WrongExpectedRevision) return error;
  if (error instanceof Error && isCommandError(error)) {
    const unavailable = [ErrorType.UNAVAILABLE, ErrorType.DEADLINE_EXCEEDED, ErrorType.NOT_LEADER, ErrorType.TIMEOUT, ErrorType.CANCELLED];
    if (unavailable.includes(error.type)) return new EventStoreUnavailable(`EventStoreDB is not reachable (${error.type}); the client reconnects on the next call.`);
  }
  // Some client paths (the append call's own stream) pass gRPC errors on unconverted.
  const grpcCode = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && 'metadata' in error && (grpcCode === GRPC_UNAVAILABLE || grpcCode === GRPC_DEADLINE_EXCEEDED)) {
    return new EventStoreUnavailable('EventStoreDB is not reachable; the client reconnects on the next call.');
  }
  return error;
}

