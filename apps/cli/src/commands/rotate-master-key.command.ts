import { Command } from 'commander';
import { ConfigError, loadConfig } from '@civic-ledger/config';
import { createKeyVault } from '@civic-ledger/composition';
import { printJson, printLines } from '../cli-output';

export function rotateMasterKeyCommand(): Command {
  return new Command('rotate-master-key')
    .description('rewrap every data key under MASTER_KEY_FILE; keys wrapped by the master keys in MASTER_KEY_PREVIOUS_FILES are read with those (safe to run again)')
    .option('--json', 'print the result as JSON')
    .action(async (opts: { json?: boolean }) => {
      const config = loadConfig();
      if (config.privacy.previousMasterKeyFiles.length === 0) {
        throw new ConfigError('Set MASTER_KEY_FILE to the new master key and MASTER_KEY_PREVIOUS_FILES to the old one(s), restart the servers, then run this.');
      }
      const vault = createKeyVault(config);
      try {
        let last = 0;
        const report = await vault.rotate((done) => {
          if (!opts.json && done - last >= 1000) {
            last = done;
            process.stderr.write(`rewrapping: ${done} keys\n`);
          }
        });
        if (opts.json) printJson(report);
        else printLines([
          `${report.rewrapped} data keys rewrapped under the new master key; ${report.alreadyCurrent} already were; ${report.destroyed} destroyed (erased parties).`,
          'Now remove MASTER_KEY_PREVIOUS_FILES, restart the servers, and destroy the old master key.',
        ]);
      } finally {
        await vault.close();
      }
    });
}
