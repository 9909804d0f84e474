import { Command } from 'commander';
import { verifyChains, verifyCheckpoints } from '@civic-ledger/audit';
import { loadSigner } from '@civic-ledger/composition';
import { printJson, printLines, progressBar } from '../cli-output';
import { openStores } from '../cli-stores';

export function verifyCommand(): Command {
  return new Command('verify')
    .description('check every stream\'s hash chain from genesis to head; exit code 1 when anything was altered')
    .option('--json', 'print the report as JSON')
    .action(async (opts: { json?: boolean }) => {
      const stores = await openStores();
      try {
        const head = await stores.events.headPosition();
        const bar = progressBar('verifying', head);
        const chains = await verifyChains(stores.stored, (done) => bar.update(done));
        bar.stop();
        const checkpoints = await verifyCheckpoints(stores.stored, loadSigner(stores.config).publicKeyPem);
        const report = { ...chains, ok: chains.ok && checkpoints.failures.length === 0, checkpoints };
        if (opts.json) printJson(report);
        else {
          printLines([
            `${report.ok ? 'OK' : 'TAMPERED'}: ${report.events} events in ${report.streams} streams checked (head position ${report.headPosition})`,
            ...report.breaks.map((b) => `  ${b.kind} in ${b.streamId} at ${'revision' in b ? `revision ${b.revision}` : `expected revision ${b.expectedRevision}, found ${b.foundRevision}`} (position ${b.position})`),
            ...report.missingTail.map((m) => `  events missing at the end of ${m.streamId}: head says revision ${m.expectedRevision}, last found ${m.foundRevision}`),
            `${checkpoints.checked} signed checkpoints checked`,
            ...checkpoints.failures.map((f) => `  checkpoint over ${f.treeSize} events: ${f.problem}`),
          ]);
        }
        if (!report.ok) process.exitCode = 1;
      } finally {
        await stores.close();
      }
    });
}
