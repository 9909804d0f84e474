import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import { EventStore } from '@civic-ledger/event-store';
import { Projection } from './projection';
import { ReadStore } from './read-store.port';
import { serveReadStore } from './rebuild-remote-store';

/**
 * What a worker thread of a parallel rebuild opens for itself: the ledger, as the rebuild reads it (e.g.
 * through the encrypting store). The set being rebuilt is not opened there: the rebuild's own thread
 * serves it to every worker (see rebuild-remote-store.ts).
 */
export type RebuildLedgerOpener = (args: unknown) => Promise<EventStore>;

/**
 * Projects in worker threads, the projections dealt among them (projections are independent: none
 * reads another's documents). `opener` is the path of a compiled module exporting
 * `openRebuildLedger: RebuildLedgerOpener`; `args` (structured-cloneable) is passed to it in each thread.
 */
export interface RebuildThreads {
  readonly threads: number;
  readonly opener: string;
  readonly args: unknown;
}

export interface RebuildWorkerData {
  readonly opener: string;
  readonly args: unknown;
  readonly projections: readonly string[];
  readonly head: number;
  readonly batchSize: number;
  /** The set being rebuilt, served by the rebuild's own thread. */
  readonly store: MessagePort;
}

export type RebuildWorkerMessage = { kind: 'progress'; position: number } | { kind: 'done'; position: number };

const WORKER = join(__dirname, 'rebuild-worker.js');

/** Worker threads need the compiled worker (not there when the sources run under ts-jest). */
export function rebuildThreadsAvailable(): boolean {
  return existsSync(WORKER);
}

/**
 * Rough share of a rebuild's work per projection, by name without version; others count 1. Measured with
 * `timeline.v3`; after `timeline.v4` (one document per contact, no longer two) each projection rebuilt alone
 * from 50,000 events used beyond reading the ledger about 1.3 s CPU (party view), 1.2 s (timeline) and
 * 0.8 s (interactions), but dealing by those weights was no faster with two threads than this.
 */
const REBUILD_WEIGHTS: Record<string, number> = { timeline: 3, interactions: 2, 'party-view': 2 };

/**
 * A projecting thread's young generation (V8's default is larger): its garbage is mostly short-lived (events
 * decoded, documents serialised and sent), and each thread's heap adds to the rebuild's peak memory. Measured
 * with two threads at 50,000 events: peak RSS 368–409 MB against 418–430 MB with the default, the same CPU
 * within the noise.
 */
const THREAD_YOUNG_GENERATION_MB = 8;

/** Deals the projections among `threads` groups, heaviest first, each to the lightest group so far. */
export function projectionGroups(projections: readonly Projection[], threads: number): string[][] {
  const count = Math.max(1, Math.min(threads, projections.length));
  const groups = Array.from({ length: count }, () => ({ names: [] as string[], weight: 0 }));
  const weight = (p: Projection) => REBUILD_WEIGHTS[p.name.replace(/\.v\d+$/, '')] ?? 1;
  for (const p of [...projections].sort((a, b) => weight(b) - weight(a))) {
    const lightest = groups.reduce((min, g) => (g.weight < min.weight ? g : min));
    lightest.names.push(p.name);
    lightest.weight += weight(p);
  }
  return groups.map((g) => g.names);
}

/**
 * Runs each group of projections in its own worker thread up to `head`, every thread writing into `target`
 * through this thread; resolves with the lowest position they reached. A failing thread stops the others
 * and rejects.
 */
export async function projectInThreads(
  spec: RebuildThreads, target: ReadStore, groups: readonly string[][], head: number, batchSize: number, onProgress?: (position: number) => void,
): Promise<number> {
  const reached = groups.map(() => 0);
  const workers: Worker[] = [];
  const ports: MessagePort[] = [];
  try {
    await Promise.all(groups.map((projections, i) => new Promise<void>((resolve, reject) => {
      const channel = new MessageChannel();
      ports.push(channel.port1);
      serveReadStore(channel.port1, target);
      const data: RebuildWorkerData = { opener: spec.opener, args: spec.args, projections, head, batchSize, store: channel.port2 };
      const worker = new Worker(WORKER, { workerData: data, transferList: [channel.port2], resourceLimits: { maxYoungGenerationSizeMb: THREAD_YOUNG_GENERATION_MB } });
      workers.push(worker);
      let done = false;
      worker.on('message', (message: RebuildWorkerMessage) => {
        reached[i] = message.position;
        onProgress?.(Math.min(...reached));
        if (message.kind === 'done') done = true;
      });
      worker.once('error', reject);
      worker.once('exit', (code) => (done && code === 0 ? resolve() : reject(new Error(`rebuild thread for ${projections.join(', ')} stopped (exit code ${code})`))));
    })));
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
    for (const port of ports) port.close();
  }
  return Math.min(...reached);
}
