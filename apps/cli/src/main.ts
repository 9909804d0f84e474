#!/usr/bin/env node
import 'reflect-metadata';
import { Command } from 'commander';
import { ConfigError } from '@civic-ledger/config';
import { checkpointCommand } from './commands/checkpoint.command';
import { exportCommand } from './commands/export.command';
import { proveCommand } from './commands/prove.command';
import { readModelSetsCommand } from './commands/read-model-sets.command';
import { rebuildCommand } from './commands/rebuild.command';
import { replayCommand } from './commands/replay.command';
import { seedCommand } from './commands/seed.command';
import { verifyBundleCommand } from './commands/verify-bundle.command';
import { verifyCommand } from './commands/verify.command';
import { workerCommand } from './commands/worker.command';
import { tokenCommand } from './commands/token.command';
import { rotateMasterKeyCommand } from './commands/rotate-master-key.command';

const program = new Command('civic-ledger')
  .description('Institutional memory for public services: record, consolidate, replay and verify.')
  .showHelpAfterError('(run civic-ledger --help for the commands)')
  .addHelpText('before', 'civic-ledger serve [--port N] [--api-only]   run the HTTP API (with the worker unless --api-only; see civic-ledger serve --help)\n')
  .addCommand(workerCommand())
  .addCommand(seedCommand())
  .addCommand(replayCommand())
  .addCommand(verifyCommand())
  .addCommand(rebuildCommand())
  .addCommand(readModelSetsCommand())
  .addCommand(exportCommand())
  .addCommand(checkpointCommand())
  .addCommand(proveCommand())
  .addCommand(verifyBundleCommand())
  .addCommand(tokenCommand())
  .addCommand(rotateMasterKeyCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
  process.stderr.write(`civic-ledger: ${message}\n`);
  process.exitCode = error instanceof ConfigError ? 2 : 1;
});
