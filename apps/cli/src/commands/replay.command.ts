import { Command } from 'commander';
import { instantOption } from '../cli-options';
import { replayParty } from '@civic-ledger/audit';
import { sumContactCells } from '@civic-ledger/read-models';
import { printJson, printLines } from '../cli-output';
import { openStores } from '../cli-stores';

export function replayCommand(): Command {
  return new Command('replay')
    .description('show a party\'s consolidated view and timeline as they were known at an instant')
    .argument('<partyId>', 'the party id (UUID)')
    .option('--as-of <instant>', 'what had been recorded by this instant (system time)', instantOption)
    .option('--occurred-by <instant>', 'only what had occurred by this instant (business time)', instantOption)
    .option('--limit <n>', 'timeline entries to show', (v) => Number.parseInt(v, 10), 20)
    .option('--json', 'print view and timeline as JSON')
    .action(async (partyId: string, opts: { asOf?: string; occurredBy?: string; limit: number; json?: boolean }) => {
      const stores = await openStores();
      try {
        const replay = await replayParty(stores.events, stores.views, partyId, { asOf: opts.asOf, occurredBy: opts.occurredBy });
        if (!replay.party) throw new Error(`Party ${partyId} was not known${opts.asOf ? ` as of ${opts.asOf}` : ''}.`);
        await stores.recordAccess(partyId, 'cli-replay');
        const timeline = await replay.timeline({}, opts.limit);
        // The party as an answer shows it, to a reader who sees every contact: counts summed from its cells (and its merged parties').
        const { contactCells: _cells, ...shown } = replay.party;
        const p = { ...shown, ...sumContactCells(await replay.cells()) };
        if (opts.json) {
          printJson({ asOf: opts.asOf ?? null, occurredBy: opts.occurredBy ?? null, events: replay.eventCount, party: p, timeline: timeline.items });
          return;
        }
        printLines([
          `${p.name.full} (${p.kind}, ${p.status}) as of ${opts.asOf ?? 'now'}${opts.occurredBy ? `, occurred by ${opts.occurredBy}` : ''}: ${replay.eventCount} events replayed`,
          `contact points: ${p.contactPoints.map((c) => `${c.kind} ${c.value}`).join('; ') || 'none'}`,
          `open correspondence: ${p.openCorrespondence.length}; interactions: ${JSON.stringify(p.interactionCounts)}`,
          'timeline (newest first):',
          ...timeline.items.map((e) => `  ${e.occurredAt}  ${e.kind.padEnd(14)} ${e.title}${e.summary ? ` - ${e.summary}` : ''}`),
        ]);
      } finally {
        await stores.close();
      }
    });
}
