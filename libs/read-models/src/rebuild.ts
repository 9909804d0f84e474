import { EventStore } from '@civic-ledger/event-store';
import { LEDGER_COLLECTIONS, LEDGER_PROJECTIONS, VIEWS_CHECKPOINT } from './projections/ledger-projections';
import { Projector } from './projector';
import { CollectionChecksum, ReadStore } from './read-store.port';

export interface RebuildResult {
  readonly position: number;
  readonly checksums: CollectionChecksum[];
}

/** Projects the whole ledger (up to the head at start) into an empty read store. */
export async function rebuildViews(
  events: EventStore, target: ReadStore, onProgress?: (position: number, head: number) => void, afterLoad?: () => Promise<void>,
): Promise<RebuildResult> {
  const head = await events.headPosition();
  const projector = new Projector(events, target, {
    legacyCheckpoint: VIEWS_CHECKPOINT,
    projections: LEDGER_PROJECTIONS,
    batchSize: 5000,
    onBatch: ({ position }) => onProgress?.(position, head),
  });
  await projector.init();
  if (projector.checkpoint !== 0) throw new Error('The rebuild target is not empty.');
  projector.start();
  await projector.waitFor(head);
  await projector.stop();
  await afterLoad?.();
  return { position: projector.checkpoint, checksums: await target.checksums(LEDGER_COLLECTIONS) };
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
