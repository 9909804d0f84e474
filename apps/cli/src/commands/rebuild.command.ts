import { Command } from 'commander';
import { catchUpViews, compareChecksums, LEDGER_COLLECTIONS, rebuildViews } from '@civic-ledger/read-models';
import { AppConfig } from '@civic-ledger/config';
import { createEventStore, createRebuildTarget, RebuildTarget } from '../../../api/src/infrastructure/ledger-stores';
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

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('rebuild every read model from the event store into a fresh set, compare checksums with the live set, then switch to it (blue/green)')
    .option('--no-swap', 'only build and compare; leave the live read models in place')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { swap: boolean; json?: boolean }) => {
      const stores = await openStores();
      const label = new Date().toISOString().replace(/[^0-9]/g, '').slice(0, 17);
      const target = await createRebuildTarget(stores.config, label);
      const started = Date.now();
      const head = await stores.events.headPosition();
      const bar = progressBar('rebuilding', head);
      const result = await rebuildViews(stores.events, target.store, (position) => bar.update(position), () => target.finish());
      bar.stop();
      // Compare like with like: the live set up to the same ledger position.
      const liveCheckpoint = await catchUpViews(stores.events, stores.views, result.position);
      const comparison = compareChecksums(await stores.views.checksums(LEDGER_COLLECTIONS), result.checksums);
      await stores.close();
      const previous = await target.complete(opts.swap);
      await applyErasuresSince(stores.config, target);
      const summary = {
        events: result.position, seconds: (Date.now() - started) / 1000, liveCheckpoint, identicalToLive: comparison.identical,
        differences: comparison.differences, swapped: opts.swap, rebuilt: target.name, previous,
      };
      if (opts.json) printJson(summary);
      else printLines([
        `rebuilt read models from ${result.position} ledger positions in ${summary.seconds.toFixed(1)} s`,
        comparison.identical ? 'checksums identical to the live read models' : `differs from the live read models (live checkpoint ${liveCheckpoint}) in: ${comparison.differences.map((d) => d.collection).join(', ')}`,
        opts.swap ? `switched to ${target.name}; the previous set is kept as ${previous ?? '(none)'} until you drop it (erasures reach kept sets too, see docs/privacy.md). Restart running servers to serve from it.` : `kept as ${target.name} (not switched)`,
      ]);
    });
}
