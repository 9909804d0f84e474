import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { compareChecksums, LEDGER_COLLECTIONS, rebuildViews, VIEWS_CHECKPOINT } from '@civic-ledger/read-models';
import { createRebuildTarget, VIEWS_FILE } from '../../../api/src/infrastructure/ledger-stores';
import { printJson, printLines, progressBar } from '../cli-output';
import { openStores } from '../cli-stores';

export function rebuildCommand(): Command {
  return new Command('rebuild')
    .description('rebuild every read model from the event store into a fresh file, compare checksums with the live set, then swap it in')
    .option('--no-swap', 'only build and compare; leave the live read models in place')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { swap: boolean; json?: boolean }) => {
      const stores = await openStores();
      const stamp = new Date().toISOString().replace(/[:.]/g, '-');
      const nextFile = `read-models.rebuild-${stamp}.sqlite`;
      const { store: target, finish } = createRebuildTarget(stores.config, nextFile);
      const started = Date.now();
      const head = await stores.events.headPosition();
      const bar = progressBar('rebuilding', head);
      const result = await rebuildViews(stores.events, target, (position) => bar.update(position), finish);
      bar.stop();
      const liveCheckpoint = await stores.views.checkpoint(VIEWS_CHECKPOINT);
      const comparison = compareChecksums(await stores.views.checksums(LEDGER_COLLECTIONS), result.checksums);
      await target.close();
      await stores.close();
      const dir = stores.config.dataDir;
      let previous: string | null = null;
      if (opts.swap) {
        if (existsSync(join(dir, VIEWS_FILE))) {
          previous = `read-models.previous-${stamp}.sqlite`;
          renameSync(join(dir, VIEWS_FILE), join(dir, previous));
        }
        renameSync(join(dir, nextFile), join(dir, VIEWS_FILE));
      }
      const summary = {
        events: result.position, seconds: (Date.now() - started) / 1000, liveCheckpoint, identicalToLive: comparison.identical,
        differences: comparison.differences, swapped: opts.swap, previousFile: previous, rebuiltFile: opts.swap ? VIEWS_FILE : nextFile,
      };
      if (opts.json) printJson(summary);
      else printLines([
        `rebuilt read models from ${result.position} ledger positions in ${summary.seconds.toFixed(1)} s`,
        comparison.identical ? 'checksums identical to the live read models' : `differs from the live read models (live checkpoint ${liveCheckpoint}) in: ${comparison.differences.map((d) => d.collection).join(', ')}`,
        opts.swap ? `swapped in; the previous set is kept as ${previous ?? '(none)'} until you delete it. Restart a running server to use it.` : `kept as ${nextFile} (not swapped)`,
      ]);
    });
}
