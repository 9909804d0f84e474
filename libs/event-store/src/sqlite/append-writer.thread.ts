import { parentPort, workerData } from 'node:worker_threads';
import { AppendOutcome, AppendWriter, unpackBatch } from './append-writer';
import { openEventDatabase } from './sqlite.schema';

/** What the event loop's thread sends: a batch to commit (packed: see packBatch), or the end. */
export type WriterRequest = { readonly kind: 'write'; readonly packed: readonly (string | number)[]; readonly recordedAt: string } | { readonly kind: 'close' };

/** What the writer answers: the batch's outcomes in order, or why the whole batch failed (nothing of it was written). */
export type WriterReply =
  | { readonly kind: 'written'; readonly outcomes: AppendOutcome[] }
  | { readonly kind: 'failed'; readonly error: { readonly message: string; readonly code?: string } }
  | { readonly kind: 'ready' }
  | { readonly kind: 'closed' };

/**
 * The embedded store's writer thread: its own connection, so a group's inserts, hashing and fsync never block
 * the event loop of the thread that serves requests. One batch at a time, in the order they arrive.
 */
function serve(path: string): void {
  const db = openEventDatabase(path);
  const writer = new AppendWriter(db);
  const port = parentPort;
  if (!port) throw new Error('append-writer.thread runs as a worker thread');
  port.postMessage({ kind: 'ready' } satisfies WriterReply);
  port.on('message', (request: WriterRequest) => {
    if (request.kind === 'close') {
      db.close();
      port.postMessage({ kind: 'closed' } satisfies WriterReply);
      return;
    }
    let reply: WriterReply;
    try {
      reply = { kind: 'written', outcomes: writer.write(unpackBatch(request.packed), request.recordedAt) };
    } catch (error) {
      const { message, code } = error as { message?: unknown; code?: unknown };
      reply = { kind: 'failed', error: { message: String(message ?? error), ...(typeof code === 'string' ? { code } : {}) } };
    }
    port.postMessage(reply);
  });
}

serve((workerData as { path: string }).path);
