import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { DuplicateEventId, StreamNotFound } from '../event-store.errors';
import { checkExpected } from '../expected-revision';
import {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  StreamMetadata, SubscribeAllOptions, Subscription,
} from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain';
import { PollingSubscription } from './polling-subscription';
import { openEventDatabase } from './sqlite.schema';
import { envelopeColumn, EventRow, rowToEvent } from './sqlite.rows';

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

export interface SqliteEventStoreOptions {
  /** System clock for recordedAt; injectable for tests. */
  readonly clock?: () => Date;
  /** How often subscriptions look for appends made by other processes. */
  readonly pollIntervalMs?: number;
}

/**
 * Embedded event store on SQLite (WAL, synchronous=FULL). Appends that arrive in the same event-loop
 * turn are committed together in one transaction: one fsync for all of them (group commit).
 */
export class SqliteEventStore implements EventStore {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly appended = new EventEmitter();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly stmts;

  constructor(path: string, private readonly options: SqliteEventStoreOptions = {}) {
    this.db = openEventDatabase(path);
    this.clock = options.clock ?? (() => new Date());
    this.appended.setMaxListeners(0);
    this.stmts = {
      stream: this.db.prepare<[string], { revision: number; last_hash: string }>('SELECT revision, last_hash FROM streams WHERE stream_id = ?'),
      eventById: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>('SELECT stream_id, revision, position FROM events WHERE id = ?'),
      insert: this.db.prepare(`INSERT INTO events (id, stream_id, revision, type, occurred_at, recorded_at, envelope, data, prev_hash, hash)
        VALUES (@id, @stream_id, @revision, @type, @occurred_at, @recorded_at, @envelope, @data, @prev_hash, @hash)`),
      upsertStream: this.db.prepare(`INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?)
        ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash`),
      forwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?'),
      backwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'),
      all: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
    };
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed.'));
    if (events.length === 0) return Promise.reject(new Error('Nothing to append.'));
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events, expected: expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue;
    this.queue = [];
    const outcomes: { pending: PendingAppend; result?: AppendResult; error?: unknown }[] = [];
    const recordedAt = this.clock().toISOString();
    try {
      // One transaction, one fsync for the whole batch. Expected-revision and idempotency checks run
      // before a request writes anything, so a refused request leaves no trace and needs no savepoint;
      // an unexpected failure while writing rolls back the whole batch and every caller is told.
      this.db.transaction(() => {
        for (const pending of batch) {
          const refusal = this.refusal(pending);
          outcomes.push(refusal ?? { pending, result: this.appendOne(pending, recordedAt) });
        }
        // IMMEDIATE: take the write lock before reading, so another process's write makes this one wait
        // (busy_timeout) instead of failing the checks-then-write at once with SQLITE_BUSY.
      }).immediate();
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    }
    for (const o of outcomes) {
      if (o.error === undefined) o.pending.resolve(o.result as AppendResult);
      else o.pending.reject(o.error);
    }
    if (outcomes.some((o) => o.result && !o.result.idempotent)) this.appended.emit('appended');
  }

  /** A request that must not write: a replay (answered with the earlier result) or a refusal. */
  private refusal(pending: PendingAppend): { pending: PendingAppend; result?: AppendResult; error?: unknown } | null {
    try {
      const replay = this.idempotentReplay(pending.streamId, pending.events);
      if (replay) return { pending, result: replay };
      const stream = this.stmts.stream.get(pending.streamId);
      checkExpected(pending.streamId, pending.expected, stream ? stream.revision : -1);
      return null;
    } catch (error) {
      return { pending, error };
    }
  }

  private appendOne({ streamId, events }: PendingAppend, recordedAt: string): AppendResult {
    const stream = this.stmts.stream.get(streamId);
    const actual = stream ? stream.revision : -1;
    let prevHash = stream ? stream.last_hash : GENESIS_HASH;
    let revision = actual;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const hash = eventHash({ ...event, streamId, revision, recordedAt, prevHash });
      const info = this.stmts.insert.run({
        id: event.id, stream_id: streamId, revision, type: event.type, occurred_at: event.occurredAt, recorded_at: recordedAt,
        envelope: envelopeColumn(event), data: JSON.stringify(event.data), prev_hash: prevHash, hash,
      });
      position = Number(info.lastInsertRowid);
      prevHash = hash;
    }
    this.stmts.upsertStream.run(streamId, revision, prevHash);
    return { nextExpectedRevision: revision, position, idempotent: false };
  }

  /** A retried append of the same event ids to the same stream succeeds without writing again. */
  private idempotentReplay(streamId: string, events: readonly NewEvent[]): AppendResult | null {
    const found = events.map((e) => this.stmts.eventById.get(e.id));
    if (found.every((f) => f === undefined)) return null;
    const last = found[found.length - 1];
    if (found.some((f) => f === undefined || f.stream_id !== streamId) || !last) {
      throw new DuplicateEventId(events[found.findIndex((f) => f !== undefined)].id);
    }
    return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
    const rows = options.direction === 'backwards'
      ? this.stmts.backwards.all(streamId, options.fromRevision ?? Number.MAX_SAFE_INTEGER, limit)
      : this.stmts.forwards.all(streamId, options.fromRevision ?? 0, limit);
    if (rows.length === 0 && !this.stmts.stream.get(streamId)) throw new StreamNotFound(streamId);
    return rows.map(rowToEvent);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    return this.readAllSync(options.fromPosition ?? 0, options.limit ?? 1000);
  }

  readAllSync(fromPosition: number, limit: number): RecordedEvent[] {
    return this.stmts.all.all(fromPosition, limit).map(rowToEvent);
  }

  subscribeAll(options: SubscribeAllOptions = {}): Subscription {
    return new PollingSubscription(
      (from, limit) => this.readAllSync(from, limit),
      this.appended,
      options,
      this.options.pollIntervalMs ?? 250,
    );
  }

  async streamMetadata(streamId: string): Promise<StreamMetadata | null> {
    const row = this.stmts.stream.get(streamId);
    return row ? { streamId, revision: row.revision, lastHash: row.last_hash } : null;
  }

  async headPosition(): Promise<number> {
    return this.stmts.head.get()?.head ?? 0;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.queue.length > 0) this.flush();
    this.appended.emit('closed');
    this.db.close();
  }
}
