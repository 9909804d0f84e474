import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { now } from './stats';

const HASH = 'f'.repeat(64);
const ENVELOPE = JSON.stringify({ actor: 'bench', correlationId: '6f1c8a52-3b0e-4d5e-9a57-2f6a0c1d9e44', causationId: null, schemaVersion: 1 });

/**
 * A bare table with the same columns, keys and row sizes as the ledger's events table, written with
 * the same durability settings, without any of the ledger's work (checks, hashing, streams, promises).
 */
function rawDb(path: string): { db: Database.Database; insert: (i: number, stream: string, revision: number, data: string) => void } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(`CREATE TABLE IF NOT EXISTS e (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL,
    type TEXT NOT NULL, occurred_at TEXT NOT NULL, recorded_at TEXT NOT NULL, envelope TEXT NOT NULL, data TEXT NOT NULL,
    prev_hash TEXT NOT NULL, hash TEXT NOT NULL, UNIQUE (stream_id, revision))`);
  const stmt = db.prepare('INSERT INTO e (id, stream_id, revision, type, occurred_at, recorded_at, envelope, data, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const at = new Date().toISOString();
  return { db, insert: (i, stream, revision, data) => { stmt.run(randomUUID(), stream, revision, 'Bench', at, at, ENVELOPE, data, HASH, HASH); void i; } };
}

/** Bare better-sqlite3 inserts into one file, timed block by block (so they can alternate with the code measured). */
export interface RawInserts {
  /** `count` inserts, one durable (WAL + synchronous=FULL) transaction each; milliseconds taken. */
  single(count: number): number;
  /** `count` inserts, `group` per durable transaction (group commit); milliseconds taken. */
  group(count: number, group: number): number;
  close(): void;
}

export function rawInserts(path: string, payload: string): RawInserts {
  const { db, insert } = rawDb(path);
  let done = 0;
  const commit = db.transaction((from: number, to: number, group: number) => {
    for (let i = from; i < to; i += 1) insert(i, `s-${i % group}`, Math.floor(i / group), payload);
  });
  return {
    single(count) {
      const start = now();
      for (const end = done + count; done < end; done += 1) insert(done, 'raw-stream', done, payload);
      return now() - start;
    },
    group(count, group) {
      const start = now();
      for (const end = done + count; done < end; done = Math.min(end, done + group)) commit(done, Math.min(end, done + group), group);
      return now() - start;
    },
    close: () => db.close(),
  };
}

export async function writeNdjson(path: string, lines: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const line of lines) if (!out.write(`${line}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve) => out.end(resolve));
}

/** Bare NDJSON read + JSON.parse of every line: the floor for any rebuild. */
export async function rawReadParse(path: string): Promise<{ perSecond: number; count: number }> {
  const start = now();
  let count = 0;
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) {
    if (line) {
      JSON.parse(line);
      count += 1;
    }
  }
  return { perSecond: (count / (now() - start)) * 1000, count };
}
