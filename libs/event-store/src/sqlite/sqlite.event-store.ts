import { EventEmitter } from 'node:events';
import Database from 'better-sqlite3';
import { DuplicateEventId, StreamNotFound, WrongExpectedRevision } from '../event-store.errors';
import { checkExpected, holds } from '../expected-revision';
import {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  StreamMetadata, SubscribeAllOptions, Subscription,
} from '../event-store.port';
import { eventHash, GENESIS_HASH } from '../hash-chain';
import { PollingSubscription } from './polling-subscription';
import { openEventDatabase } from './sqlite.schema';
import { envelopeColumn, EventRow, rowToEvent } from './sqlite.rows';
import { StreamHeads } from './stream-heads';

interface PendingAppend {
  streamId: string;
  events: readonly NewEvent[];
  expected: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * How often a subscription looks for appends made by other processes (its own process's appends wake it at
 * once). A worker beside the API (`serve`) sees the API's writes this way, so it bounds read-your-writes
 * latency; an idle look is one indexed range read.
 */
const DEFAULT_POLL_MS = 20;

interface Outcome {
  pending: PendingAppend;
  result?: AppendResult;
  error?: unknown;
}

/** SQLite's answer to a second event with an id already stored (duck-typed: the driver's error class may come from another realm). */
function isDuplicateId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
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
  private readonly heads: StreamHeads;

  constructor(path: string, private readonly options: SqliteEventStoreOptions = {}) {
    this.db = openEventDatabase(path);
    this.clock = options.clock ?? (() => new Date());
    this.appended.setMaxListeners(0);
    this.heads = new StreamHeads(this.db);
    this.stmts = {
      eventById: this.db.prepare<[string], { stream_id: string; revision: number; position: number }>('SELECT stream_id, revision, position FROM events WHERE id = ?'),
      // Positional parameters: binding by name costs a property lookup per column on every append.
      insert: this.db.prepare<[string, string, number, string, string, string, string, string, string, string]>(`INSERT INTO events
        (id, stream_id, revision, type, occurred_at, recorded_at, envelope, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      upsertStream: this.db.prepare(`INSERT INTO streams (stream_id, revision, last_hash) VALUES (?, ?, ?)
        ON CONFLICT(stream_id) DO UPDATE SET revision = excluded.revision, last_hash = excluded.last_hash`),
      forwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?'),
      backwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'),
      // A bound LIMIT makes SQLite's stream read several times slower; whole-stream reads (the command path) go without.
      wholeFrom: this.db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC'),
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
    const outcomes: Outcome[] = [];
    const recordedAt = this.clock().toISOString();
    try {
      // One transaction, one fsync for the whole batch. A refused request (expected revision, duplicate id)
      // leaves no trace and needs no savepoint; an unexpected failure while writing rolls back the whole
      // batch and every caller is told.
      this.db.transaction(() => {
        this.heads.sync();
        for (const pending of batch) outcomes.push(this.appendOrRefuse(pending, recordedAt));
        // IMMEDIATE: take the write lock before reading, so another process's write makes this one wait
        // (busy_timeout) instead of failing the checks-then-write at once with SQLITE_BUSY.
      }).immediate();
    } catch (error) {
      this.heads.clear();
      batch.forEach((p) => p.reject(error));
      return;
    }
    for (const o of outcomes) {
      if (o.error === undefined) o.pending.resolve(o.result as AppendResult);
      else o.pending.reject(o.error);
    }
    if (outcomes.some((o) => o.result && !o.result.idempotent)) this.appended.emit('appended');
  }

  /**
   * Appends, or answers a replay with the earlier result, or refuses. A single event whose expected revision
   * holds is inserted straight away: the unique event id catches a replay (a failed INSERT leaves the
   * transaction intact), so the common append does not look its id up first.
   */
  private appendOrRefuse(pending: PendingAppend, recordedAt: string): Outcome {
    const { streamId, events, expected } = pending;
    const actual = this.heads.get(streamId)?.revision ?? -1;
    try {
      if (events.length === 1 && holds(expected, actual)) {
        try {
          return { pending, result: this.appendOne(pending, recordedAt) };
        } catch (error) {
          if (!isDuplicateId(error)) throw error;
        }
      }
      const replay = this.idempotentReplay(streamId, events);
      if (replay) return { pending, result: replay };
      checkExpected(streamId, expected, actual);
    } catch (error) {
      if (error instanceof WrongExpectedRevision || error instanceof DuplicateEventId) return { pending, error };
      throw error;
    }
    return { pending, result: this.appendOne(pending, recordedAt) };
  }

  private appendOne({ streamId, events }: PendingAppend, recordedAt: string): AppendResult {
    const head = this.heads.get(streamId);
    let prevHash = head ? head.lastHash : GENESIS_HASH;
    let revision = head ? head.revision : -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const hash = eventHash({ ...event, streamId, revision, recordedAt, prevHash });
      const info = this.stmts.insert.run(
        event.id, streamId, revision, event.type, event.occurredAt, recordedAt, envelopeColumn(event), JSON.stringify(event.data), prevHash, hash,
      );
      position = Number(info.lastInsertRowid);
      prevHash = hash;
    }
    this.stmts.upsertStream.run(streamId, revision, prevHash);
    this.heads.set(streamId, { revision, lastHash: prevHash });
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
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? Number.MAX_SAFE_INTEGER : 0);
    let rows: EventRow[];
    if (backwards) rows = this.stmts.backwards.all(streamId, from, limit);
    else rows = options.limit === undefined ? this.stmts.wholeFrom.all(streamId, from) : this.stmts.forwards.all(streamId, from, limit);
    // Nothing from revision 0 on means no stream; otherwise the stream may exist and end before `from`.
    const exists = rows.length > 0 || (!(from === 0 && !backwards && limit > 0) && this.head(streamId) !== null);
    if (!exists) throw new StreamNotFound(streamId);
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
      this.options.pollIntervalMs ?? DEFAULT_POLL_MS,
    );
  }

  async streamMetadata(streamId: string): Promise<StreamMetadata | null> {
    const head = this.head(streamId);
    return head ? { streamId, ...head } : null;
  }

  private head(streamId: string) {
    this.heads.sync();
    return this.heads.get(streamId);
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
