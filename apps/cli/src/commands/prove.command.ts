import { Command } from 'commander';
import { integerOption } from '../cli-options';
import { consistencyProof, inclusionProof, ledgerLeaves, listCheckpoints, verifyConsistency, verifyInclusion } from '@civic-ledger/audit';
import { printJson, printLines } from '../cli-output';
import { openStores } from '../cli-stores';

const int = integerOption(1);

/** Inclusion proof of an event, or consistency proof between two signed checkpoints (each checked before printing). */
export function proveCommand(): Command {
  return new Command('prove')
    .description('print an inclusion proof (--position) or a consistency proof (--consistency <first> <second>) against signed checkpoints')
    .option('--position <n>', 'ledger position of the event to prove', int)
    .option('--tree-size <n>', 'checkpoint to prove against (default: the latest)', int)
    .option('--consistency <sizes...>', 'tree sizes of two signed checkpoints')
    .option('--json', 'print as JSON')
    .action(async (opts: { position?: number; treeSize?: number; consistency?: string[]; json?: boolean }) => {
      const stores = await openStores();
      try {
        const checkpoints = await listCheckpoints(stores.stored);
        const find = (size?: number) => {
          const found = size === undefined ? checkpoints[checkpoints.length - 1] : checkpoints.find((c) => c.treeSize === size);
          if (!found) throw new Error(`No signed checkpoint${size ? ` of tree size ${size}` : ''}; run "civic-ledger checkpoint" first.`);
          return found;
        };
        if (opts.consistency) {
          const [first, second] = opts.consistency.map(int).map(find);
          const { leaves } = await ledgerLeaves(stores.stored, second.position);
          const proof = consistencyProof(leaves, first.treeSize, second.treeSize);
          const valid = verifyConsistency(first.treeSize, second.treeSize, Buffer.from(first.rootHash, 'hex'), Buffer.from(second.rootHash, 'hex'), proof);
          const result = { first: first.treeSize, second: second.treeSize, valid, proof: proof.map((b) => b.toString('hex')) };
          if (opts.json) printJson(result);
          else printLines([`checkpoint ${second.treeSize} ${valid ? 'extends' : 'does NOT extend'} checkpoint ${first.treeSize} (${proof.length} hashes)`, ...result.proof.map((h) => `  ${h}`)]);
          if (!valid) process.exitCode = 1;
          return;
        }
        if (opts.position === undefined) throw new Error('Give --position <n> or --consistency <first> <second>.');
        const checkpoint = find(opts.treeSize);
        const { leaves, positions } = await ledgerLeaves(stores.stored, checkpoint.position);
        const leafIndex = positions.indexOf(opts.position);
        if (leafIndex < 0) throw new Error(`No event at position ${opts.position} is covered by checkpoint ${checkpoint.treeSize}.`);
        const proof = inclusionProof(leaves, leafIndex, checkpoint.treeSize);
        const valid = verifyInclusion(leaves[leafIndex], leafIndex, checkpoint.treeSize, proof, Buffer.from(checkpoint.rootHash, 'hex'));
        const result = { position: opts.position, leafIndex, treeSize: checkpoint.treeSize, rootHash: checkpoint.rootHash, valid, proof: proof.map((b) => b.toString('hex')) };
        if (opts.json) printJson(result);
        else printLines([`event at position ${opts.position} is ${valid ? '' : 'NOT '}included in checkpoint ${checkpoint.treeSize} (root ${checkpoint.rootHash})`, ...result.proof.map((h) => `  ${h}`)]);
        if (!valid) process.exitCode = 1;
      } finally {
        await stores.close();
      }
    });
}
