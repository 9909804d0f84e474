import { createWriteStream } from 'node:fs';
import { Command } from 'commander';
import { partyStreamIds, readStreamsInOrder } from '@civic-ledger/audit';
import { openStores } from '../cli-stores';
import { progressBar } from '../cli-output';

export function exportCommand(): Command {
  return new Command('export')
    .description('write every event of a party\'s record (own stream, interactions, correspondence) as NDJSON')
    .argument('<partyId>', 'the party id (UUID)')
    .option('-o, --out <file>', 'write to a file instead of stdout')
    .action(async (partyId: string, opts: { out?: string }) => {
      const stores = await openStores();
      try {
        const streams = await partyStreamIds(stores.views, partyId);
        if (streams.length === 0) throw new Error(`No party ${partyId} in the read models. Check the id, or run "civic-ledger rebuild" if the read models are missing.`);
        const bar = progressBar('reading streams', streams.length);
        const events = await readStreamsInOrder(stores.events, streams);
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
