import Database from 'better-sqlite3';
import { DuplicateEventId, WrongExpectedRevision } from '../event-store.errors';
import { checkExpected, holds } from '../expected-revision';
import { AppendResult, ExpectedRevision, NewEvent } from '../event-store.port';
import { GENESIS_HASH, HashParts, hashParts, hashWithPlace } from '../hash-chain';
import { envelopeColumn } from './sqlite.rows';
import { StreamHeads } from './stream-heads';

/**
 * An event as the writer needs it: its columns as text and its hash but for the members the writer places
 * (previous hash, recorded time, revision). Plain strings, cheap to hand to a writer thread.
 */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly occurredAt: string;
  readonly envelope: string;
  readonly data: string;
  readonly hash: HashParts;
}

export function prepareEvent(streamId: string, event: NewEvent): PreparedEvent {
  return {
    id: event.id, type: event.type, occurredAt: event.occurredAt, envelope: envelopeColumn(event), data: JSON.stringify(event.data),
    // The stream id beside the event, not spread into a copy of it (the copy cost more than the hash's text).
    hash: hashParts(event, streamId),
  };
}

export interface AppendRequest {
  readonly streamId: string;
  readonly events: readonly PreparedEvent[];
  readonly expected: ExpectedRevision;
}

/** Strings per prepared event in a packed batch (see packBatch). */
const EVENT_FIELDS = 7;

/**
 * A batch as one flat array of strings and numbers, to hand to the writer thread: the structured clone of
 * four objects per append (request, events list, event, hash parts) cost more on the event loop's thread than
 * copying their strings. `unpackBatch` gives back the same requests.
 */
export function packBatch(batch: readonly AppendRequest[]): (string | number)[] {
  const packed: (string | number)[] = [];
  for (const { streamId, events, expected } of batch) {
    packed.push(streamId, expected, events.length);
    for (const e of events) packed.push(e.id, e.type, e.occurredAt, e.envelope, e.data, e.hash.before, e.hash.after);
  }
  return packed;
}

export function unpackBatch(packed: readonly (string | number)[]): AppendRequest[] {
  const batch: AppendRequest[] = [];
  let i = 0;
  while (i < packed.length) {
    const streamId = packed[i] as string;
    const expected = packed[i + 1] as ExpectedRevision;
    const count = packed[i + 2] as number;
    i += 3;
    const events: PreparedEvent[] = [];
    for (let n = 0; n < count; n += 1, i += EVENT_FIELDS) {
      events.push({
        id: packed[i] as string, type: packed[i + 1] as string, occurredAt: packed[i + 2] as string, envelope: packed[i + 3] as string,
        data: packed[i + 4] as string, hash: { before: packed[i + 5] as string, after: packed[i + 6] as string },
      });
    }
    batch.push({ streamId, events, expected });
  }
  return batch;
}

/** Why an append was refused, as plain data (it crosses to the event loop's thread when the writer has its own). */
export type Refusal =
  | { readonly kind: 'wrong-expected-revision'; readonly streamId: string; readonly expected: ExpectedRevision; readonly actual: number }
  | { readonly kind: 'duplicate-event-id'; readonly eventId: string };

export type AppendOutcome = { readonly result: AppendResult } | { readonly refused: Refusal };

export function refusalError(refused: Refusal): Error {
  return refused.kind === 'duplicate-event-id' ? new DuplicateEventId(refused.eventId) : new WrongExpectedRevision(refused.streamId, refused.expected, refused.actual);
}

/** SQLite's answer to a second event with an id already stored (duck-typed: the driver's error class may come from another realm). */
function isDuplicateId(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return code === 'SQLITE_CONSTRAINT_UNIQUE' && typeof message === 'string' && message.includes('events.id');
}

/**
 * The write side of the embedded store on one connection: a batch of appends in one transaction, one fsync
 * (group commit), each append checked against its stream's head and chained to its last hash. Runs on the
 * event loop's thread, or on a thread of its own holding its own connection (append-writer.thread.ts).
 */
export class AppendWriter {
  private readonly stmts;
  /** One transaction function for the connection's life (better-sqlite3 builds four wrappers per `transaction` call). */
  private readonly commit: (batch: readonly AppendRequest[], recordedAt: string, outcomes: AppendOutcome[]) => void;

  /** `heads`: the connection's cache of stream heads, shared with its readers when they are on the same connection. */
  constructor(db: Database.Database, private readonly heads = new StreamHeads(db)) {
    this.stmts = {
      eventById: db.prepare<[string], { stream_id: string; revision: number; position: number }>('SELECT stream_id, revision, position FROM events WHERE id = ?'),
      // Positional parameters: binding by name costs a property lookup per column on every append.
      insert: db.prepare<[string, string, number, string, string, string, string, string, string, string]>(`INSERT INTO events
        (id, stream_id, revision, type, occurred_at, recorded_at, envelope, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    };
    // IMMEDIATE: take the write lock before reading, so another process's write makes this one wait
    // (busy_timeout) instead of failing the checks-then-write at once with SQLITE_BUSY.
    this.commit = db.transaction((batch: readonly AppendRequest[], recordedAt: string, outcomes: AppendOutcome[]) => {
      this.heads.sync();
      for (const request of batch) outcomes.push(this.appendOrRefuse(request, recordedAt));
    }).immediate;
  }

  /**
   * One transaction, one fsync for the whole batch. A refused request (expected revision, duplicate id) leaves
   * no trace and needs no savepoint; an unexpected failure while writing rolls back the whole batch and throws.
   */
  write(batch: readonly AppendRequest[], recordedAt: string): AppendOutcome[] {
    const outcomes: AppendOutcome[] = [];
    try {
      this.commit(batch, recordedAt, outcomes);
    } catch (error) {
      this.heads.clear();
      throw error;
    }
    return outcomes;
  }

  /**
   * Appends, or answers a replay with the earlier result, or refuses. A single event whose expected revision
   * holds is inserted straight away: the unique event id catches a replay (a failed INSERT leaves the
   * transaction intact), so the common append does not look its id up first.
   */
  private appendOrRefuse(request: AppendRequest, recordedAt: string): AppendOutcome {
    const { streamId, events, expected } = request;
    const actual = this.heads.get(streamId)?.revision ?? -1;
    try {
      if (events.length === 1 && holds(expected, actual)) {
        try {
          return { result: this.appendOne(request, recordedAt) };
        } catch (error) {
          if (!isDuplicateId(error)) throw error;
        }
      }
      const replay = this.idempotentReplay(streamId, events);
      if (replay) return { result: replay };
      checkExpected(streamId, expected, actual);
    } catch (error) {
      if (error instanceof WrongExpectedRevision) return { refused: { kind: 'wrong-expected-revision', streamId, expected, actual } };
      if (error instanceof DuplicateEventId) return { refused: { kind: 'duplicate-event-id', eventId: error.eventId } };
      throw error;
    }
    return { result: this.appendOne(request, recordedAt) };
  }

  private appendOne({ streamId, events }: AppendRequest, recordedAt: string): AppendResult {
    const head = this.heads.get(streamId);
    let prevHash = head ? head.lastHash : GENESIS_HASH;
    let revision = head ? head.revision : -1;
    let position = 0;
    for (const event of events) {
      revision += 1;
      const hash = hashWithPlace(event.hash, prevHash, recordedAt, revision);
      const info = this.stmts.insert.run(event.id, streamId, revision, event.type, event.occurredAt, recordedAt, event.envelope, event.data, prevHash, hash);
      position = Number(info.lastInsertRowid);
      prevHash = hash;
    }
    this.heads.set(streamId, { revision, lastHash: prevHash });
    return { nextExpectedRevision: revision, position, idempotent: false };
  }

  /** A retried append of the same event ids to the same stream succeeds without writing again. */
  private idempotentReplay(streamId: string, events: readonly PreparedEvent[]): AppendResult | null {
    const found = events.map((e) => this.stmts.eventById.get(e.id));
    if (found.every((f) => f === undefined)) return null;
    const last = found[found.length - 1];
    if (found.some((f) => f === undefined || f.stream_id !== streamId) || !last) {
      throw new DuplicateEventId(events[found.findIndex((f) => f !== undefined)].id);
    }
    return { nextExpectedRevision: last.revision, position: last.position, idempotent: true };
  }
}
