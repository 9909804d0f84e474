import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError } from 'commander';
import {
  catchUpViews, ChecksumComparison, compareChecksums, LEDGER_COLLECTIONS, ledgerProjection, listQuarantine, Projection, QuarantineEntry, rebuildProjection, rebuildViews,
  UnknownProjection,
} from '@civic-ledger/read-models';
import { AppConfig } from '@civic-ledger/config';
import { createEventStore, createRebuildTarget, REBUILD_OPENER, RebuildTarget } from '@civic-ledger/composition';
import { printJson, printLines, progressBar } from '../cli-output';
import { openStores } from '../cli-stores';

/**
 * Erasures recorded while the rebuild ran (after the head it started from) reach the new set too: it
 * is brought up to the ledger's head once it has its final name, where a server's erasures find it.
 */
async function applyErasuresSince(config: AppConfig, target: RebuildTarget): Promise<void> {
  const events = createEventStore(config);
  const store = target.reopen();
  try {
    await catchUpViews(events, store, await events.headPosition());
  } finally {
    await store.close();
    await events.close();
  }
}

export interface RebuildSummary {
  /** The one projection rebuilt (the others were copied from the live set as they are), or null for all. */
  projection: string | null;
  events: number;
  seconds: number;
  /** The new set alone: projecting the ledger into it, its indexes and checksums (not the live set's catch-up and checksums). */
  rebuildSeconds: number;
  /** Worker threads that projected (1: in the command's own thread). */
  threads: number;
  liveCheckpoint: number;
  identicalToLive: boolean;
  differences: ChecksumComparison['differences'];
  swapped: boolean;
  rebuilt: string;
  previous: string | null;
  /** What the rebuilt set could not apply (its own quarantine; the live set's is left behind with it). */
  quarantined: QuarantineEntry[];
}

/**
 * Rebuilds every read model (or, with `projection`, that one alone, the others copied from the live set as
 * they are) from the event store into a fresh set, compares checksums with the live set and, with `swap`,
 * switches to it (blue/green). The new set starts with an empty quarantine (for the rebuilt projections).
 */
export async function rebuildReadModels(swap: boolean, projection?: Projection, threads = defaultRebuildThreads()): Promise<RebuildSummary> {
  const stores = await openStores();
  const label = new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 17);
  const target = await createRebuildTarget(stores.config, label);
  const started = Date.now();
  const head = await stores.events.headPosition();
  const bar = progressBar(projection ? `rebuilding ${projection.name}` : 'rebuilding', head);
  const result = projection
    ? await rebuildProjection(stores.events, stores.views, target.store, projection, (position) => bar.update(position), () => target.finish())
    : await rebuildViews(stores.events, target.store, (position) => bar.update(position), () => target.finish(), {
      threads: { threads, opener: REBUILD_OPENER, args: null },
    });
  bar.stop();
  const rebuildSeconds = (Date.now() - started) / 1000;
  const quarantined = (await listQuarantine(target.store)).filter((q) => !projection || q.projection === projection.name);
  // Compare like with like: the live set up to the same ledger position.
  const liveCheckpoint = await catchUpViews(stores.events, stores.views, result.position);
  const collections = projection ? projection.collections.map((c) => c.name) : LEDGER_COLLECTIONS;
  const comparison = compareChecksums(await stores.views.checksums(collections), result.checksums);
  await stores.close();
  const previous = await target.complete(swap);
  await applyErasuresSince(stores.config, target);
  return {
    projection: projection?.name ?? null, events: result.position, seconds: (Date.now() - started) / 1000, rebuildSeconds, threads: result.threads, liveCheckpoint, identicalToLive: comparison.identical,
    differences: comparison.differences, swapped: swap, rebuilt: target.name, previous, quarantined,
  };
}

/**
 * One worker thread per core but one, at most four: the command's own thread writes what they project (see
 * rebuild-remote-store.ts) and needs a core of its own; with two cores or fewer, one thread projects and
 * writes (two projecting threads there were slower than one, docs/benchmarks.md).
 */
export function defaultRebuildThreads(): number {
  return Math.max(1, Math.min(availableParallelism() - 1, 4));
}

function threadsOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 16) throw new InvalidArgumentError('a whole number from 1 to 16');
  return n;
}

/** Option parser: one of the ledger's projections, by name (`timeline.v4`) or without its version (`timeline`). */
function projectionOption(value: string): Projection {
  try {
    return ledgerProjection(value);
  } catch (error) {
    if (error instanceof UnknownProjection) throw new InvalidArgumentError(error.message);
    throw error;
  }
}

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('rebuild every read model (or one, with --projection) from the event store into a fresh set, compare checksums with the live set, then switch to it (blue/green)')
    .option('--projection <name>', 'rebuild this projection alone (e.g. timeline.v4); the others are copied from the live set as they are', projectionOption)
    .option('--threads <n>', `worker threads projecting in parallel, the projections dealt among them (1: in this thread; default: one per core but one, at most 4, here ${defaultRebuildThreads()})`, threadsOption)
    .option('--no-swap', 'only build and compare; leave the live read models in place')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { swap: boolean; json?: boolean; projection?: Projection; threads?: number }) => {
      const summary = await rebuildReadModels(opts.swap, opts.projection, opts.threads);
      if (opts.json) printJson(summary);
      else printLines(describeRebuild(summary));
    });
}

export function describeRebuild(summary: RebuildSummary): string[] {
  return [
    `rebuilt ${summary.projection ? `${summary.projection} (the other projections copied as they are)` : 'read models'} from ${summary.events} ledger positions in ${summary.seconds.toFixed(1)} s (the new set ${summary.rebuildSeconds.toFixed(1)} s, ${summary.threads} thread${summary.threads === 1 ? '' : 's'})`,
    summary.identicalToLive ? 'checksums identical to the live read models' : `differs from the live read models (live checkpoint ${summary.liveCheckpoint}) in: ${summary.differences.map((d) => d.collection).join(', ')}`,
    ...(summary.quarantined.length ? [`${summary.quarantined.length} quarantined (a projection could not apply them): see civic-ledger read-models quarantine list`] : []),
    summary.swapped ? `switched to ${summary.rebuilt}; the previous set is kept as ${summary.previous ?? '(none)'} until you drop it (erasures reach kept sets too, see docs/privacy.md). Running servers and workers move to it within a few seconds.` : `kept as ${summary.rebuilt} (not switched)`,
  ];
}
