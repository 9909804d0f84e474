import { Command } from 'commander';
import { createCheckpoint } from '@civic-ledger/audit';
import { loadSigner } from '@civic-ledger/composition';
import { printJson, printLines } from '../cli-output';
import { openStores } from '../cli-stores';

export function checkpointCommand(): Command {
  return new Command('checkpoint')
    .description('sign a checkpoint now: the Merkle root of every event so far (Ed25519), recorded as a ledger event')
    .option('--json', 'print the checkpoint as JSON')
    .action(async (opts: { json?: boolean }) => {
      const stores = await openStores();
      try {
        const checkpoint = await createCheckpoint(stores.stored, loadSigner(stores.config), new Date());
        if (opts.json) printJson(checkpoint);
        else printLines([`signed checkpoint over ${checkpoint.treeSize} events (position ${checkpoint.position}): root ${checkpoint.rootHash}, key ${checkpoint.keyId}`]);
      } finally {
        await stores.close();
      }
    });
}
