import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import Database from 'better-sqlite3';
import { now } from './stats';

function rawDb(path: string): { db: Database.Database; insert: Database.Statement } {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS e (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL, revision INTEGER NOT NULL, data TEXT NOT NULL, UNIQUE (stream_id, revision))');
  return { db, insert: db.prepare('INSERT INTO e (id, stream_id, revision, data) VALUES (?, ?, ?, ?)') };
}

/** Bare better-sqlite3: one durable (WAL + synchronous=FULL) transaction per insert. */
export function rawSingleInserts(path: string, count: number, payload: string): number {
  const { db, insert } = rawDb(path);
  const start = now();
  for (let i = 0; i < count; i += 1) insert.run(`raw-${i}`, 'raw-stream', i, payload);
  const ms = now() - start;
  db.close();
  return (count / ms) * 1000;
}

/** Bare better-sqlite3 group commit: `group` inserts per durable transaction. */
export function rawGroupInserts(path: string, count: number, group: number, payload: string): number {
  const { db, insert } = rawDb(path);
  const commit = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i += 1) insert.run(`g-${i}`, `s-${i % group}`, Math.floor(i / group), payload);
  });
  const start = now();
  for (let i = 0; i < count; i += group) commit(i, Math.min(count, i + group));
  const ms = now() - start;
  db.close();
  return (count / ms) * 1000;
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
