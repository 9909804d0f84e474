import { Command } from 'commander';
import { catchUpViews, ChecksumComparison, compareChecksums, LEDGER_COLLECTIONS, listQuarantine, QuarantineEntry, rebuildViews } from '@civic-ledger/read-models';
import { AppConfig } from '@civic-ledger/config';
import { createEventStore, createRebuildTarget, RebuildTarget } from '@civic-ledger/composition';
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
  events: number;
  seconds: number;
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
 * Rebuilds every read model from the event store into a fresh set, compares checksums with the live
 * set and, with `swap`, switches to it (blue/green). The new set starts with an empty quarantine.
 */
export async function rebuildReadModels(swap: boolean): Promise<RebuildSummary> {
  const stores = await openStores();
  const label = new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 17);
  const target = await createRebuildTarget(stores.config, label);
  const started = Date.now();
  const head = await stores.events.headPosition();
  const bar = progressBar('rebuilding', head);
  const result = await rebuildViews(stores.events, target.store, (position) => bar.update(position), () => target.finish());
  bar.stop();
  const quarantined = await listQuarantine(target.store);
  // Compare like with like: the live set up to the same ledger position.
  const liveCheckpoint = await catchUpViews(stores.events, stores.views, result.position);
  const comparison = compareChecksums(await stores.views.checksums(LEDGER_COLLECTIONS), result.checksums);
  await stores.close();
  const previous = await target.complete(swap);
  await applyErasuresSince(stores.config, target);
  return {
    events: result.position, seconds: (Date.now() - started) / 1000, liveCheckpoint, identicalToLive: comparison.identical,
    differences: comparison.differences, swapped: swap, rebuilt: target.name, previous, quarantined,
  };
}

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('rebuild every read model from the event store into a fresh set, compare checksums with the live set, then switch to it (blue/green)')
    .option('--no-swap', 'only build and compare; leave the live read models in place')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { swap: boolean; json?: boolean }) => {
      const summary = await rebuildReadModels(opts.swap);
      if (opts.json) printJson(summary);
      else printLines(describeRebuild(summary));
    });
}

export function describeRebuild(summary: RebuildSummary): string[] {
  return [
    `rebuilt read models from ${summary.events} ledger positions in ${summary.seconds.toFixed(1)} s`,
    summary.identicalToLive ? 'checksums identical to the live read models' : `differs from the live read models (live checkpoint ${summary.liveCheckpoint}) in: ${summary.differences.map((d) => d.collection).join(', ')}`,
    ...(summary.quarantined.length ? [`${summary.quarantined.length} quarantined (a projection could not apply them): see civic-ledger read-models quarantine list`] : []),
    summary.swapped ? `switched to ${summary.rebuilt}; the previous set is kept as ${summary.previous ?? '(none)'} until you drop it (erasures reach kept sets too, see docs/privacy.md). Running servers and workers move to it within a few seconds.` : `kept as ${summary.rebuilt} (not switched)`,
  ];
}
