import { Command } from 'commander';
import { verifyBundle } from '@civic-ledger/audit';
import { printJson, printLines } from '../cli-output';

/** Offline: needs nothing but the bundle directory. */
export function verifyBundleCommand(): Command {
  return new Command('verify-bundle')
    .description('verify an export bundle offline: file hashes, checkpoint signature, hash chains, inclusion proofs; exit code 1 when anything is wrong')
    .argument('<path>', 'the bundle directory written by "export --bundle", or the bundle file downloaded from GET /v1/audit/bundles/{partyId}')
    .option('--json', 'print the report as JSON')
    .action((dir: string, opts: { json?: boolean }) => {
      const report = verifyBundle(dir);
      if (opts.json) printJson(report);
      else printLines([`${report.ok ? 'OK' : 'NOT VALID'}: ${report.events} events of party ${report.partyId ?? '?'}`, ...report.problems.map((p) => `  ${p}`)]);
      if (!report.ok) process.exitCode = 1;
    });
}
