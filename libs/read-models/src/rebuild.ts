import { EventStore } from '@civic-ledger/event-store';
import { LEDGER_COLLECTIONS, LEDGER_PROJECTIONS, VIEWS_CHECKPOINT } from './projections/ledger-projections';
import { Projection } from './projection';
import { Projector, storedCheckpoints } from './projector';
import { QUARANTINE_COLLECTION, QUARANTINE_INDEXES, QuarantineEntry } from './quarantine';
import { Change, CollectionChecksum, ReadStore } from './read-store.port';
import { projectInThreads, projectionGroups, RebuildThreads, rebuildThreadsAvailable } from './rebuild-threads';

export interface RebuildResult {
  readonly position: number;
  readonly checksums: CollectionChecksum[];
  /** Threads that projected (1: the caller's own). */
  readonly threads: number;
}

export interface RebuildOptions {
  /**
   * Project in worker threads, the projections dealt among them, each thread reading the ledger, projecting
   * and serialising its projections' documents, which this thread writes with their checkpoints (one
   * writer). Without it (or where the compiled worker is not there, as under ts-jest) the rebuild projects
   * in this thread.
   */
  readonly threads?: RebuildThreads;
}

const REBUILD_BATCH = 5000;
/**
 * Each projecting thread holds its own batch, and its serialised copy on the way to the writer: half-size
 * batches keep a two-thread rebuild near 420 MB peak RSS where full ones reached 500 MB (50,000 events).
 */
const THREAD_BATCH = REBUILD_BATCH / 2;

/** Projects the whole ledger (up to the head at start) into an empty read store. */
export async function rebuildViews(
  events: EventStore, target: ReadStore, onProgress?: (position: number, head: number) => void, afterLoad?: () => Promise<void>,
  options: RebuildOptions = {},
): Promise<RebuildResult> {
  const head = await events.headPosition();
  const projector = new Projector(events, target, {
    legacyCheckpoint: VIEWS_CHECKPOINT,
    projections: LEDGER_PROJECTIONS,
    batchSize: REBUILD_BATCH,
    onBatch: ({ position }) => onProgress?.(position, head),
  });
  await projector.init();
  if (projector.checkpoint !== 0) throw new Error('The rebuild target is not empty.');
  let position: number;
  const spec = options.threads;
  const groups = spec && spec.threads > 1 && rebuildThreadsAvailable() ? projectionGroups(LEDGER_PROJECTIONS, spec.threads) : [];
  if (spec && groups.length > 1) {
    position = await projectInThreads(spec, target, groups, head, THREAD_BATCH, (p) => onProgress?.(p, head));
  } else {
    projector.start();
    await projector.waitFor(head);
    await projector.stop();
    position = projector.checkpoint;
  }
  await afterLoad?.();
  return { position, checksums: await target.checksums(LEDGER_COLLECTIONS), threads: Math.max(1, groups.length) };
}

export interface ChecksumComparison {
  readonly identical: boolean;
  readonly differences: { collection: string; live: CollectionChecksum | null; rebuilt: CollectionChecksum }[];
}

export function compareChecksums(live: readonly CollectionChecksum[], rebuilt: readonly CollectionChecksum[]): ChecksumComparison {
  const differences = rebuilt
    .map((r) => ({ collection: r.collection, live: live.find((l) => l.collection === r.collection) ?? null, rebuilt: r }))
    .filter((d) => !d.live || d.live.sha256 !== d.rebuilt.sha256 || d.live.count !== d.rebuilt.count);
  return { identical: differences.length === 0, differences };
}

/**
 * Brings an existing read-model set up to `position` (a running server does this continuously; a set
 * that only CLI commands touched may lag). Writes are position-guarded, so running it next to a live
 * projector changes nothing twice.
 */
export async function catchUpViews(events: EventStore, store: ReadStore, position: number): Promise<number> {
  const projector = new Projector(events, store, { legacyCheckpoint: VIEWS_CHECKPOINT, projections: LEDGER_PROJECTIONS, batchSize: 5000 });
  await projector.init();
  if (projector.checkpoint < position) {
    projector.start();
    await projector.waitFor(position);
    await projector.stop();
  }
  return projector.checkpoint;
}

/** Raised for a projection name that is not one of the ledger's projections. */
export class UnknownProjection extends Error {
  constructor(readonly given: string, readonly names: readonly string[]) {
    super(`unknown projection "${given}"; the projections are: ${names.join(', ')}`);
    this.name = 'UnknownProjection';
  }
}

/** The ledger projection named `name` (`timeline.v4`, or `timeline` for its current version). */
export function ledgerProjection(name: string): Projection {
  const found = LEDGER_PROJECTIONS.find((p) => p.name === name || p.name.replace(/\.v\d+$/, '') === name);
  if (!found) throw new UnknownProjection(name, LEDGER_PROJECTIONS.map((p) => p.name));
  return found;
}

const COPY_PAGE = 1000;

/** Copies a collection's documents with their positions (page by page, in id order). */
async function copyCollection(from: ReadStore, to: ReadStore, collection: string, keep: (doc: QuarantineEntry) => boolean = () => true): Promise<void> {
  for (let after: string | null = null; ;) {
    const page: Awaited<ReturnType<ReadStore['scan']>> = await from.scan(collection, after, COPY_PAGE);
    if (page.length === 0) return;
    const changes: Change[] = page.filter((p) => keep(p.doc as QuarantineEntry)).map((p) => ({ collection, id: p.doc.id, doc: p.doc, position: p.position }));
    await to.commit(changes, []);
    after = page[page.length - 1].doc.id;
  }
}

/**
 * Fills an empty set with one projection rebuilt from the whole ledger (up to the head at start) and every
 * other projection as the live set holds it: its documents, quarantine entries and checkpoint, copied as
 * they are. The checkpoints are read before the documents, so a copied document is never behind its
 * checkpoint (events after it are delivered again after the switch, which changes nothing).
 */
export async function rebuildProjection(
  events: EventStore, live: ReadStore, target: ReadStore, projection: Projection,
  onProgress?: (position: number, head: number) => void, afterLoad?: () => Promise<void>,
): Promise<RebuildResult> {
  const others = LEDGER_PROJECTIONS.filter((p) => p.name !== projection.name);
  const checkpoints = await storedCheckpoints(live, others, VIEWS_CHECKPOINT);
  for (const p of LEDGER_PROJECTIONS) for (const c of p.collections) await target.ensureCollection(c.name, c.indexes);
  for (const store of [live, target]) await store.ensureCollection(QUARANTINE_COLLECTION, QUARANTINE_INDEXES);
  if (await target.checkpoint(projection.name)) throw new Error('The rebuild target is not empty.');
  for (const p of others) for (const c of p.collections) await copyCollection(live, target, c.name);
  await copyCollection(live, target, QUARANTINE_COLLECTION, (entry) => entry.projection !== projection.name);
  await target.commit([], [...checkpoints].map(([name, position]) => ({ name, position })));
  const head = await events.headPosition();
  const projector = new Projector(events, target, { projections: [projection], batchSize: 5000, onBatch: ({ position }) => onProgress?.(position, head) });
  await projector.init();
  projector.start();
  await projector.waitFor(head);
  await projector.stop();
  await afterLoad?.();
  return { position: projector.checkpoint, checksums: await target.checksums(projection.collections.map((c) => c.name)), threads: 1 };
}
