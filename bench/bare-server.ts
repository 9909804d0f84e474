import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { findTimeline, LEDGER_PROJECTIONS, SqliteReadStore, TimelineFilter } from '@civic-ledger/read-models';

/** A 1 KB JSON document, the size of a small party view. */
export const DOCUMENT = JSON.stringify({ id: randomUUID(), kind: 'person', padding: 'x'.repeat(1024 - 70) });

interface Pending {
  readonly data: string;
  readonly res: ServerResponse;
}

/**
 * The bare baselines of the HTTP section: a Node `http` server with no framework, answering
 * GET /doc with a fixed 1 KB document, and POST /write by parsing the JSON body and committing it
 * durably to SQLite (WAL, synchronous=FULL), one transaction per event-loop turn for all writes that
 * arrived in it (group commit), before answering 201.
 */
/**
 * The query alone behind a bare server: GET /timeline answers the page the API's timeline route answers (same read
 * store, same query function, same scope filter), without framework, token, access policy or access ledger. What
 * the API adds to the page is its figure against this one; how much a 38 KB page costs against a 1 KB document is
 * this one's figure against the bare GET.
 */
export interface TimelineBaseline {
  readonly readStore: string;
  readonly partyIds: readonly string[];
  readonly filter: TimelineFilter;
  readonly limit: number;
}

export async function startBareServer(dbPath: string, port = 0, timeline?: TimelineBaseline): Promise<number> {
  let views: SqliteReadStore | null = null;
  if (timeline) {
    views = new SqliteReadStore(timeline.readStore);
    for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await views.ensureCollection(c.name, c.indexes);
  }
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec('CREATE TABLE IF NOT EXISTS e (position INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, recorded_at TEXT NOT NULL, data TEXT NOT NULL)');
  const insert = db.prepare('INSERT INTO e (id, recorded_at, data) VALUES (?, ?, ?)');
  let pending: Pending[] = [];
  const commit = db.transaction((batch: readonly Pending[]) => {
    const at = new Date().toISOString();
    return batch.map((p) => Number(insert.run(randomUUID(), at, p.data).lastInsertRowid));
  });
  const flush = () => {
    const batch = pending;
    pending = [];
    const positions = commit(batch);
    batch.forEach((p, i) => {
      const body = JSON.stringify({ position: positions[i] });
      p.res.writeHead(201, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }).end(body);
    });
  };
  const write = (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { text += chunk; });
    req.on('end', () => {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        res.writeHead(400).end();
        return;
      }
      if (pending.length === 0) setImmediate(flush);
      pending.push({ data: JSON.stringify(data), res });
    });
  };
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/doc') {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(DOCUMENT) }).end(DOCUMENT);
    } else if (req.method === 'GET' && req.url === '/timeline' && views && timeline) {
      findTimeline(views, timeline.partyIds, timeline.filter, timeline.limit).then((page) => {
        const body = page.json;
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) }).end(body);
      }, () => res.writeHead(500).end());
    } else if (req.method === 'POST' && req.url === '/write') {
      write(req, res);
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

// Run as its own process by the HTTP bench: `node bare-server.js <db file> [<timeline baseline as JSON>]` prints its port.
if (require.main === module) {
  startBareServer(process.argv[2], 0, process.argv[3] ? (JSON.parse(process.argv[3]) as TimelineBaseline) : undefined).then((port) => process.stdout.write(`${port}\n`), (error: unknown) => {
    process.stderr.write(`${String(error)}\n`);
    process.exitCode = 1;
  });
}
