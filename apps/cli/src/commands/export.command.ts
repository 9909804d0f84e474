import { createWriteStream } from 'node:fs';
import { Command } from 'commander';
import { instantOption } from '../cli-options';
import { exportPartyBundle, isVisibleAt, partyStreamIds, readStreamsInOrder } from '@civic-ledger/audit';
import { loadSigner } from '@civic-ledger/composition';
import { openStores } from '../cli-stores';
import { printLines, progressBar } from '../cli-output';

export function exportCommand(): Command {
  return new Command('export')
    .description("write every event of a party's record (own stream, interactions, correspondence) as NDJSON, or as a signed bundle")
    .argument('<partyId>', 'the party id (UUID)')
    .option('-o, --out <file>', 'write NDJSON to a file instead of stdout')
    .option('--as-of <instant>', 'only what had been recorded by this instant', instantOption)
    .option('--bundle <dir>', 'write a self-contained bundle (events, hash chains, inclusion proofs, signed checkpoint, public key, manifest) for verify-bundle')
    .action(async (partyId: string, opts: { out?: string; asOf?: string; bundle?: string }) => {
      const stores = await openStores();
      try {
        if (opts.bundle) {
          const result = await exportPartyBundle(stores.stored, stores.views, loadSigner(stores.config), partyId, opts.asOf ?? null, opts.bundle, new Date());
          await stores.recordAccess(partyId, 'cli-export-bundle');
          printLines([`bundle of ${result.events} events written to ${opts.bundle}; checkpoint over ${result.checkpoint.treeSize} events${result.createdCheckpoint ? ' (signed now)' : ''}. Check it anywhere with: civic-ledger verify-bundle ${opts.bundle}`]);
          return;
        }
        const streams = await partyStreamIds(stores.views, partyId);
        if (streams.length === 0) throw new Error(`No party ${partyId} in the read models. Check the id, or run "civic-ledger rebuild" if the read models are missing.`);
        const bar = progressBar('reading streams', streams.length);
        const events = (await readStreamsInOrder(stores.events, streams)).filter((e) => isVisibleAt(e, { asOf: opts.asOf }));
        await stores.recordAccess(partyId, 'cli-export');
        bar.update(streams.length);
        bar.stop();
        const out = opts.out ? createWriteStream(opts.out) : process.stdout;
        for (const event of events) out.write(`${JSON.stringify(event)}\n`);
        if (opts.out) await new Promise<void>((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
        process.stderr.write(`exported ${events.length} events from ${streams.length} streams\n`);
      } finally {
        await stores.close();
      }
    });
}
