import { EventEmitter } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { EventLoopUtilization, performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { StreamNotFound } from '../event-store.errors';
import {
  AppendResult, EventStore, ExpectedRevision, NewEvent, ReadAllOptions, ReadStreamOptions, RecordedEvent,
  StreamMetadata, SubscribeAllOptions, Subscription,
} from '../event-store.port';
import { AppendOutcome, AppendWriter, packBatch, PreparedEvent, prepareEvent, refusalError } from './append-writer';
import type { WriterReply, WriterRequest } from './append-writer.thread';
import { PollingSubscription } from './polling-subscription';
import { openEventDatabase } from './sqlite.schema';
import { EventRow, rowToEvent } from './sqlite.rows';
import { StreamHeads } from './stream-heads';

interface PendingAppend {
  streamId: string;
  events: readonly PreparedEvent[];
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

/**
 * Groups committed on the event loop's thread after one on the writer thread found the loop idle (no append
 * queued at its answer, and the loop busy less than BUSY_ELSEWHERE of the flight).
 */
const GROUPS_HERE_AFTER_IDLE_FLIGHT = 4;

/**
 * The loop counts as busy elsewhere before a group when, since the previous group, it spent at least this share
 * of its time on work other than this store's own commits (serving requests, say): a commit's wait would take
 * the loop from that work. A writer that only waits for its own appends stays far below it.
 */
const BUSY_ELSEWHERE = 0.5;

/** Consecutive groups holding appends from outside (I/O, timers) before the writer thread takes one. */
const OUTSIDE_GROUPS_FOR_THREAD = 2;

/** Consecutive groups before which the loop was busy elsewhere (BUSY_ELSEWHERE) before the thread takes a lone append. */
const BUSY_GROUPS_FOR_THREAD = 2;

/** How many groups were committed, and how many of them on the writer thread. */
export interface CommitStats {
  readonly groups: number;
  readonly onWriterThread: number;
}

/** The compiled writer thread beside this file (absent when the sources run under ts-jest). */
export const WRITER_THREAD_SCRIPT = join(__dirname, 'append-writer.thread.js');

export interface SqliteEventStoreOptions {
  /** System clock for recordedAt; injectable for tests. */
  readonly clock?: () => Date;
  /** How often subscriptions look for appends made by other processes. */
  readonly pollIntervalMs?: number;
  /**
   * Commit on a writer thread with its own connection (the compiled append-writer.thread.js), so the event
   * loop goes on while a group is written and fsynced: a path to that script, or false to commit on the event
   * loop's thread. Default: the script beside this module when it is there. An in-memory database never has one.
   */
  readonly writerThread?: string | false;
}

/**
 * Embedded event store on SQLite (WAL, synchronous=FULL). Appends that arrive while the previous group is
 * being committed (or, when idle, in the same event-loop turn) are committed together in one transaction:
 * one fsync for all of them (group commit), on the writer thread when there is more than one. An append
 * resolves only once its transaction is fsynced.
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
  /** The writer on this thread: for lone appends, and for all when there is no writer thread. */
  private inline: AppendWriter | null = null;
  private thread: Worker | null = null;
  /** The writer thread's script; the thread starts with the first append (a store that only reads has none). */
  private threadScript: string | false;
  /** The group the writer thread is committing. */
  private inFlight: PendingAppend[] | null = null;
  private threadReady = false;
  /** Groups to commit on this thread before trying the writer thread again (see flush). */
  private groupsHere = 0;
  /** Set by close(): what is still queued is committed without starting a writer thread. */
  private closing = false;
  private threadClosed: Promise<void> | null = null;
  /** The event loop's utilisation at the previous flush, and the time this thread spent committing since. */
  private loopAtFlush: EventLoopUtilization = performance.eventLoopUtilization();
  private committingMs = 0;
  /** The event loop's utilisation when the group in flight was handed to the writer thread. */
  private loopAtHandOver: EventLoopUtilization = this.loopAtFlush;
  /** True from a group's answers until the callbacks they trigger have run (see markCascade). */
  private cascade = false;
  /** The queue holds an append made outside such a cascade. */
  private outsideQueued = false;
  /** Consecutive groups holding appends from outside. */
  private outsideGroups = 0;
  /** Consecutive groups before which the loop was busy elsewhere. */
  private busyGroups = 0;
  private stats = { groups: 0, onWriterThread: 0 };

  constructor(private readonly path: string, private readonly options: SqliteEventStoreOptions = {}) {
    this.db = openEventDatabase(path);
    this.clock = options.clock ?? (() => new Date());
    this.appended.setMaxListeners(0);
    this.heads = new StreamHeads(this.db);
    // An in-memory database belongs to its one connection: it is written where it is read.
    const inMemory = path === ':memory:' || path === '' || path.startsWith('file::memory:');
    this.threadScript = inMemory ? false : options.writerThread ?? (existsSync(WRITER_THREAD_SCRIPT) ? WRITER_THREAD_SCRIPT : false);
    this.stmts = {
      forwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?'),
      backwards: this.db.prepare<[string, number, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?'),
      // A bound LIMIT makes SQLite's stream read several times slower; whole-stream reads (the command path) go without.
      wholeFrom: this.db.prepare<[string, number], EventRow>('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC'),
      all: this.db.prepare<[number, number], EventRow>('SELECT * FROM events WHERE position > ? ORDER BY position ASC LIMIT ?'),
      head: this.db.prepare<[], { head: number | null }>('SELECT MAX(position) AS head FROM events'),
    };
  }

  private startThread(script: string): Worker {
    const thread = new Worker(script, { workerData: { path: this.path } });
    // Referenced only while a group is in flight: an idle store keeps no process alive.
    thread.unref();
    thread.on('message', (reply: WriterReply) => this.onReply(reply));
    thread.on('error', (error) => this.dropThread(thread, error));
    thread.on('exit', (code) => {
      if (!this.closed) this.dropThread(thread, new Error(`The event store's writer thread stopped (exit code ${code}).`));
    });
    return thread;
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new Error('Event store is closed.'));
    if (events.length === 0) return Promise.reject(new Error('Nothing to append.'));
    let prepared: PreparedEvent[];
    try {
      prepared = events.map((event) => prepareEvent(streamId, event));
    } catch (error) {
      return Promise.reject(error);
    }
    if (!this.cascade) this.outsideQueued = true;
    return new Promise((resolve, reject) => {
      this.queue.push({ streamId, events: prepared, expected: expectedRevision, resolve, reject });
      // While a group is in flight, the next one gathers until it is answered.
      if (!this.flushScheduled && this.inFlight === null) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.inFlight !== null || this.queue.length === 0) return;
    const batch = this.queue;
    this.queue = [];
    const recordedAt = this.clock().toISOString();
    this.stats.groups += 1;
    // The writer thread pays when this thread has work while a group is committed (requests to parse and
    // decide). A group while appends come only from callers answered by the group before (writers that wait
    // for their own appends and do nothing else: the thread is not even started for them), or while the last
    // group sent there saw nothing arrive meanwhile, is committed here: handing it over would only add two
    // wake-ups to its wait; every few such groups one goes to the thread again, to see whether work now
    // arrives while it commits. A lone append (nothing else arrived in its turn) goes there only when the loop
    // has been busy with other work since this group and the one before (the access ledger's entries for a
    // turn's reads, a write among reads): the loop serves that work while the append is fsynced. (Those
    // batches are appended one after the other, each from the answer to the last, so where they come from does
    // not tell them from a lone writer's appends; a lone writer's loop is busy elsewhere only now and then, when
    // the machine takes its core.)
    this.outsideGroups = this.outsideQueued ? this.outsideGroups + 1 : 0;
    this.outsideQueued = false;
    this.busyGroups = this.threadScript !== false && this.busyElsewhere() ? this.busyGroups + 1 : 0;
    const wantsThread = this.threadScript !== false && (
      (batch.length > 1 && this.groupsHere === 0 && this.outsideGroups >= OUTSIDE_GROUPS_FOR_THREAD)
      || (batch.length === 1 && this.busyGroups >= BUSY_GROUPS_FOR_THREAD));
    if (!wantsThread && batch.length > 1 && this.groupsHere > 0) this.groupsHere -= 1;
    // The thread starts with the first group that wants it and takes groups once it has opened its
    // connection; until then they are committed here (its start never delays an append).
    if (wantsThread && !this.thread && !this.closing) {
      try {
        this.thread = this.startThread(this.threadScript as string);
      } catch {
        this.threadScript = false;
      }
    }
    const onThread = wantsThread && this.threadReady;
    try {
      if (!onThread) this.inline ??= new AppendWriter(this.db, this.heads);
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    }
    if (onThread && this.thread) {
      this.inFlight = batch;
      this.stats.onWriterThread += 1;
      this.thread.ref();
      this.loopAtHandOver = performance.eventLoopUtilization();
      // Only the requests cross (their callbacks stay here), packed as one array of strings.
      this.thread.postMessage({ kind: 'write', packed: packBatch(batch), recordedAt } satisfies WriterRequest);
      return;
    }
    let outcomes: AppendOutcome[];
    const started = this.threadScript === false ? 0 : performance.now();
    try {
      outcomes = (this.inline as AppendWriter).write(batch, recordedAt);
    } catch (error) {
      batch.forEach((p) => p.reject(error));
      return;
    } finally {
      if (started > 0) this.committingMs += performance.now() - started;
    }
    this.settle(batch, outcomes);
  }

  /** True when the loop was busy at least BUSY_ELSEWHERE of the time since the group in flight was handed over. */
  private busyDuringFlight(): boolean {
    return performance.eventLoopUtilization(performance.eventLoopUtilization(), this.loopAtHandOver).utilization >= BUSY_ELSEWHERE;
  }

  /** True when the loop's work since the previous flush, less this store's own commits, took BUSY_ELSEWHERE of its time. */
  private busyElsewhere(): boolean {
    const now = performance.eventLoopUtilization();
    const since = performance.eventLoopUtilization(now, this.loopAtFlush);
    const committing = this.committingMs;
    this.loopAtFlush = now;
    this.committingMs = 0;
    const total = since.idle + since.active;
    return total > 0 && (since.active - committing) / total >= BUSY_ELSEWHERE;
  }

  private settle(batch: readonly PendingAppend[], outcomes: readonly AppendOutcome[]): void {
    this.markCascade();
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if ('result' in outcome) pending.resolve(outcome.result);
      else pending.reject(refusalError(outcome.refused));
    });
    if (outcomes.some((o) => 'result' in o && !o.result.idempotent)) this.appended.emit('appended');
  }

  /**
   * Appends made by callers this group answers (in the promise callbacks its answers trigger) come from writers
   * that wait for their own appends; appends made later (I/O, timers) come from outside, which is what the
   * writer thread is for. The flag is cleared by a tick queued from a microtask: it runs once the microtask
   * queue, with every callback the answers trigger, has drained.
   */
  private markCascade(): void {
    if (this.cascade) return;
    this.cascade = true;
    queueMicrotask(() => process.nextTick(this.endCascade));
  }

  private readonly endCascade = (): void => {
    this.cascade = false;
  };

  /** How many groups were committed, and how many of them on the writer thread (for tests and diagnostics). */
  commitStats(): CommitStats {
    return { ...this.stats };
  }

  private onReply(reply: WriterReply): void {
    if (reply.kind === 'closed') return;
    if (reply.kind === 'ready') {
      this.threadReady = true;
      if (this.inFlight === null) this.thread?.unref();
      return;
    }
    const batch = this.inFlight ?? [];
    this.inFlight = null;
    if (reply.kind === 'written') this.settle(batch, reply.outcomes);
    else batch.forEach((p) => p.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {})));
    // What gathered meanwhile goes at once; an idle writer lets the process exit. Only a group's flight tells
    // whether groups gain from the thread (a lone append's says nothing about them): it did when appends arrived
    // meanwhile, or when the loop was busy through it (under HTTP load the answer often comes before the requests
    // parsed meanwhile reach their appends: judged by the queue alone, most flights looked idle and the next 32
    // groups were committed here, the loop blocked through each fsync).
    if (this.queue.length === 0 && batch.length > 1 && !this.busyDuringFlight()) this.groupsHere = GROUPS_HERE_AFTER_IDLE_FLIGHT;
    if (this.queue.length > 0) this.flush();
    if (this.inFlight === null) {
      this.thread?.unref();
      this.appended.emit('idle');
    }
  }

  /**
   * The writer thread failed or stopped: the group it held is refused (its caller got no answer, so it may
   * retry; an Idempotency-Key makes the retry safe) and every later group is committed on this thread.
   */
  private dropThread(thread: Worker, error: Error): void {
    if (this.thread !== thread) return;
    this.thread = null;
    this.threadReady = false;
    this.threadScript = false;
    const inFlight = this.inFlight ?? [];
    this.inFlight = null;
    inFlight.forEach((p) => p.reject(error));
    void thread.terminate();
    this.appended.emit('idle');
    if (this.queue.length > 0 && !this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
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
    // Appends already accepted are committed (and answered) before the store closes; a thread is not started for them.
    this.closing = true;
    while (this.inFlight !== null || this.queue.length > 0) {
      if (this.inFlight === null) this.flush();
      else await new Promise<void>((resolve) => this.appended.once('idle', () => resolve()));
    }
    this.closed = true;
    if (this.thread) await this.stopThread(this.thread);
    this.appended.emit('closed');
    this.db.close();
  }

  private stopThread(thread: Worker): Promise<void> {
    this.threadClosed ??= new Promise<void>((resolve) => {
      thread.once('exit', () => resolve());
      thread.ref();
      thread.once('message', () => void thread.terminate());
      thread.postMessage({ kind: 'close' } satisfies WriterRequest);
    });
    return this.threadClosed;
  }
}
